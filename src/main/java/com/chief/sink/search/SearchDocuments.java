package com.chief.sink.search;

import com.chief.kinesis.UserRecord;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * What each record becomes in the search engine. Orders: one document per order ({@code _id} =
 * order id) in a monthly index. Job results: the order's current status ({@code _id} = order id),
 * versioned externally by how far the status is, so a late InProgress can never overwrite
 * Completed; and every event in a monthly history index ({@code _id} = order id and status).
 */
public final class SearchDocuments {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    private final String ordersIndex;
    private final String statusIndex;
    private final String historyIndex;

    public SearchDocuments(String ordersIndex, String statusIndex, String historyIndex) {
        this.ordersIndex = ordersIndex;
        this.statusIndex = statusIndex;
        this.historyIndex = historyIndex;
    }

    public List<BulkOperation> order(UserRecord record) throws IOException {
        JsonNode order = Json.MAPPER.readTree(record.data());
        return List.of(index(ordersIndex + "-" + month(order.path("orderedAt").asText()), order.path("orderId").asText(),
                document(order), null));
    }

    public List<BulkOperation> jobResult(UserRecord record) throws IOException {
        JsonNode result = Json.MAPPER.readTree(record.data());
        String orderId = result.path("orderId").asText();
        JobStatus status = JobStatus.valueOf(result.path("status").asText());
        Map<String, Object> document = document(result);
        return List.of(
                index(statusIndex, orderId, document, (long) status.ordinal() + 1),
                index(historyIndex + "-" + month(result.path("timestamp").asText()), orderId + ":" + status, document, null));
    }

    private static BulkOperation index(String index, String id, Map<String, Object> document, Long version) {
        return BulkOperation.of(op -> op.index(i -> {
            i.index(index).id(id).document(document);
            if (version != null) {
                i.version(version).versionType(VersionType.External);
            }
            return i;
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(JsonNode node) {
        return Json.MAPPER.convertValue(node, Map.class);
    }

    private static String month(String timestamp) {
        try {
            return MONTH.format(Instant.parse(timestamp));
        } catch (RuntimeException e) {
            return MONTH.format(Instant.now());
        }
    }
}
