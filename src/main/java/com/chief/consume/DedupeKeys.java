package com.chief.consume;

import com.chief.model.JobResult;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** What counts as the same record for dedupe: an order by its id, a job result by order and status. */
public final class DedupeKeys {

    private DedupeKeys() {
    }

    /** Orders are keyed by order id, which is also their partition key. */
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
