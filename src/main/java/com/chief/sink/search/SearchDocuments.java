package com.chief.sink.search;

import com.chief.consume.UserRecord;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What each record becomes in the search engine. Orders: one document per order ({@code _id} =
 * order id) in a time-based index ({@code <orders-index>-<date pattern>}, by order time). Job
 * results: the order's current status ({@code _id} = order id), versioned externally by the status'
 * rank ({@link JobStatus#rank()}), so a late InProgress can never overwrite Completed nor one final
 * status the other; and every event in a time-based history index ({@code _id} = order id and status).
 */
public final class SearchDocuments {

    private final String ordersIndex;
    private final String statusIndex;
    private final String historyIndex;
    private final TimeBasedIndex indices;

    /** {@code datePattern}: the time part of index names, e.g. yyyy.MM (monthly) or yyyy.MM.dd (daily). */
    public SearchDocuments(String ordersIndex, String statusIndex, String historyIndex, String datePattern) {
        this.ordersIndex = ordersIndex;
        this.statusIndex = statusIndex;
        this.historyIndex = historyIndex;
        this.indices = new TimeBasedIndex(datePattern);
    }

    public List<IndexAction> order(UserRecord record) throws IOException {
        JsonNode order = Json.MAPPER.readTree(record.data());
        return List.of(new IndexAction(indices.name(ordersIndex, order.path("orderedAt").asText()),
                order.path("orderId").asText(), document(order), null));
    }

    public List<IndexAction> jobResult(UserRecord record) throws IOException {
        JsonNode result = Json.MAPPER.readTree(record.data());
        String orderId = result.path("orderId").asText();
        JobStatus status = JobStatus.valueOf(result.path("status").asText());
        Map<String, Object> document = document(result);
        return List.of(
                new IndexAction(statusIndex, orderId, document, (long) status.rank()),
                new IndexAction(indices.name(historyIndex, result.path("timestamp").asText()), JobResult.key(orderId, status.name()),
                        document, null));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> document(JsonNode node) {
        return Json.MAPPER.convertValue(node, Map.class);
    }
}
