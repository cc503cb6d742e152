package com.chief.ops;

import com.chief.config.ChiefSettings;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.sink.search.SearchRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * An order in the search engine: its order document ({@code <orders-index>-*}), current status
 * ({@code <job-status-index>}) and status history ({@code <job-history-index>-*}). Looked up by
 * document id in an {@code ids} query that Jackson writes, so an order id is never parsed as query
 * syntax; the same REST call in OpenSearch and Elasticsearch.
 */
final class SearchTrace {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ChiefSettings.Search search;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SearchTrace(ChiefSettings.Search search) {
        this.search = search;
    }

    void trace(String orderId, ObjectNode document) {
        try {
            ArrayNode order = hits(search.ordersIndex() + "-*", List.of(orderId));
            document.set("searchDocument", order.isEmpty() ? DatabaseTrace.missing("no document in " + search.ordersIndex() + "-*")
                    : found(order.get(0)));
            ArrayNode status = hits(search.jobStatusIndex(), List.of(orderId));
            document.set("searchJobStatus", status.isEmpty() ? DatabaseTrace.missing("no document in " + search.jobStatusIndex())
                    : found(status.get(0)));
            ArrayNode history = hits(search.jobHistoryIndex() + "-*", Arrays.stream(JobStatus.values()).map(s -> JobResult.key(orderId, s.name())).toList());
            ObjectNode stage = history.isEmpty() ? DatabaseTrace.missing("no document in " + search.jobHistoryIndex() + "-*")
                    : Json.MAPPER.createObjectNode().put("found", true);
            if (!history.isEmpty()) {
                stage.set("events", history);
            }
            document.set("searchJobHistory", stage);
        } catch (IOException | RuntimeException e) {
            for (String stage : List.of("searchDocument", "searchJobStatus", "searchJobHistory")) {
                document.set(stage, DatabaseTrace.missing("search unavailable: " + e.getMessage()).put("error", true));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode found(JsonNode hit) {
        ObjectNode stage = Json.MAPPER.createObjectNode().put("found", true);
        stage.put("index", hit.path("index").asText());
        stage.set("document", hit.path("document"));
        return stage;
    }

    /** {@code {"index","document"}} of each hit; none when the indices do not exist. */
    private ArrayNode hits(String indices, List<String> ids) throws IOException, InterruptedException {
        ObjectNode query = Json.MAPPER.createObjectNode();
        query.put("size", ids.size());
        ArrayNode values = query.putObject("query").putObject("ids").putArray("values");
        ids.forEach(values::add);
        HttpRequest.Builder request = SearchRequests.request(search.requestAuth(), "POST", search.url().resolve("/" + indices
                        + "/_search?ignore_unavailable=true&allow_no_indices=true"), "application/json",
                query.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), TIMEOUT);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Json.MAPPER.createArrayNode();
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + indices);
        }
        ArrayNode hits = Json.MAPPER.createArrayNode();
        for (JsonNode hit : Json.MAPPER.readTree(response.body()).path("hits").path("hits")) {
            hits.addObject().put("index", hit.path("_index").asText()).set("document", hit.path("_source"));
        }
        return hits;
    }
}
