package com.chief.sink.search;

import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads back what the search applications wrote, by the same ids ({@link SearchDocuments}): which
 * orders have a document, and which orders' current status is which final status. Queries are
 * bounded by the ids asked (an {@code ids} query per chunk), never a scan of an index; a missing
 * index answers "none" (an index an operator deleted is a sink that lost everything).
 */
public final class SearchLookup {

    /** One request to the engine's REST API; returns the JSON answer. */
    public interface Requests {
        String send(String method, String endpoint, String json) throws IOException;
    }

    private static final int CHUNK = 1_000;
    /** At most this many final statuses are read back by time (the engine's default result window). */
    private static final int MAX_BY_TIME = 10_000;

    private final Requests requests;
    private final String ordersIndex;
    private final String statusIndex;

    public SearchLookup(Requests requests, String ordersIndex, String statusIndex) {
        this.requests = requests;
        this.ordersIndex = ordersIndex;
        this.statusIndex = statusIndex;
    }

    /** The engine's low-level REST client as Chief builds it (config/SearchClients): OpenSearch's or Elasticsearch's. */
    public static Requests requests(Object client) {
        if (client instanceof org.opensearch.client.RestClient opensearch) {
            return (method, endpoint, json) -> {
                var request = new org.opensearch.client.Request(method, endpoint);
                request.setJsonEntity(json);
                try {
                    return org.apache.hc.core5.http.io.entity.EntityUtils.toString(opensearch.performRequest(request).getEntity());
                } catch (org.apache.hc.core5.http.ParseException e) {
                    throw new IOException(e);
                }
            };
        }
        if (client instanceof org.elasticsearch.client.RestClient elasticsearch) {
            return (method, endpoint, json) -> {
                var request = new org.elasticsearch.client.Request(method, endpoint);
                request.setJsonEntity(json);
                return org.apache.http.util.EntityUtils.toString(elasticsearch.performRequest(request).getEntity());
            };
        }
        throw new IllegalArgumentException("not a search client: " + client);
    }

    /** Makes what was just indexed searchable (rather than waiting for the engine's refresh interval). */
    public void refresh() {
        try {
            requests.send("POST", "/" + ordersIndex + "-*," + statusIndex + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The order ids among {@code orderIds} with a document in an orders index (any month). */
    public Set<String> orders(Set<String> orderIds) throws IOException {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(orderIds)) {
            for (JsonNode hit : hits(ordersIndex + "-*", idsQuery(chunk), chunk.size())) {
                found.add(hit.path("_id").asText());
            }
        }
        return found;
    }

    /** For orders among {@code orderIds}: {@code orderId:status} of those whose current status is final. */
    public Set<String> finalStatuses(Set<String> orderIds) throws IOException {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(orderIds)) {
            for (JsonNode hit : hits(statusIndex, idsQuery(chunk), chunk.size())) {
                addIfFinal(found, hit);
            }
        }
        return found;
    }

    /** {@code orderId:status} of the final statuses whose event time is in [from, to), up to {@value #MAX_BY_TIME}. */
    public Set<String> finalStatusesBetween(Instant from, Instant to) throws IOException {
        ObjectNode query = Json.MAPPER.createObjectNode();
        var bool = query.putObject("bool");
        bool.putArray("filter").addObject().putObject("range").putObject("timestamp")
                .put("gte", from.toString()).put("lt", to.toString());
        Set<String> found = new HashSet<>();
        for (JsonNode hit : hits(statusIndex, query, MAX_BY_TIME)) {
            addIfFinal(found, hit);
        }
        return found;
    }

    private static void addIfFinal(Set<String> found, JsonNode hit) {
        String status = hit.path("_source").path("status").asText();
        if (JobStatus.parse(status).filter(JobStatus::isFinal).isPresent()) {
            found.add(JobResult.key(hit.path("_id").asText(), status));
        }
    }

    private static ObjectNode idsQuery(List<String> ids) {
        ObjectNode query = Json.MAPPER.createObjectNode();
        var values = query.putObject("ids").putArray("values");
        ids.forEach(values::add);
        return query;
    }

    private List<JsonNode> hits(String index, ObjectNode query, int size) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("size", size);
        body.putArray("_source").add("status");
        body.set("query", query);
        String answer;
        try {
            answer = requests.send("POST", "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true",
                    body.toString());
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("index_not_found_exception")) {
                return List.of();
            }
            throw e;
        }
        List<JsonNode> hits = new ArrayList<>();
        Json.MAPPER.readTree(answer).path("hits").path("hits").forEach(hits::add);
        return hits;
    }

    private static List<List<String>> chunks(Set<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
