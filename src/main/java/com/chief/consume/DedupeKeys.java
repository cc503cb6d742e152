package com.chief.consume;

import com.chief.model.JobResult;
import com.chief.model.Json;
import com.chief.model.Order;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** What counts as the same record for dedupe: an order by its id, a job result by order and status. */
public final class DedupeKeys {

    private DedupeKeys() {
    }

    /** An order is keyed by its order id: every application that dedupes orders takes the key from here. */
    public static String order(Order order) {
        return order.orderId();
    }

    /**
     * The same key, {@link #order(Order)}, read off a record without parsing it: the intake sends each
     * order with its order id as the partition key.
     */
    public static String order(UserRecord record) {
        return record.partitionKey();
    }

    /** One event per order and status: {@link JobResult#key(String, String)}. */
    public static String jobResult(UserRecord record) {
        try {
            JsonNode result = Json.MAPPER.readTree(record.data());
            return JobResult.key(record.partitionKey(), result.path("status").asText("?"));
        } catch (IOException e) {
            return record.partitionKey() + ":" + record.sequenceNumber() + "-" + record.subSequenceNumber();
        }
    }
}
