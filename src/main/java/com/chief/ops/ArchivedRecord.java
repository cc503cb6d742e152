package com.chief.ops;

import com.chief.consume.UserRecord;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.sink.aurora.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One line of an archive object: the record as its consumer got it, its order and, for a job
 * result, its status. {@link #id()} is what reconciliation counts: an order by its id, a final
 * status by {@link JobResult#key()} ({@code orderId:status}, the key notifications and final
 * statuses go by).
 */
public record ArchivedRecord(StoredObject object, int line, String json, String orderId, JobStatus status) {

    public boolean isFinalStatus() {
        return status != null && status.isFinal();
    }

    public String id() {
        return status == null ? orderId : JobResult.key(orderId, status.name());
    }

    /**
     * The record as a consumer would get it, to hand to the live writers: the order id is the
     * partition key, as the producer sets it; the object's first sequence number and the line stand
     * for the record's position.
     */
    public UserRecord asUserRecord(Instant arrival) {
        return new UserRecord("archive", orderId, "0", line, arrival, json.getBytes(StandardCharsets.UTF_8));
    }
}
