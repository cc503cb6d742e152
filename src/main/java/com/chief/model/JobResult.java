package com.chief.model;

import java.time.Instant;

/** One status event of a robo-tailor job, as it travels on {@code JobResultsStream}. */
public record JobResult(
        String orderId,
        String customer,
        String factoryId,
        String robotId,
        JobStatus status,
        String reason,
        Instant timestamp) {

    /** One event per order and status, {@code <orderId>:<status>}: the key job results are de-duplicated by. */
    public String key() {
        return key(orderId, String.valueOf(status));
    }

    /**
     * The job-result identity, {@code <orderId>:<status>}, for callers that hold the two parts apart
     * (a raw record, a database row, a search hit). The only Java spelling of it: dedupe ids, the
     * search history document id, notification_sent and reconciliation all compare against it.
     * Migration V7 spells it in SQL (stored processed_message ids), which is history and stays as is.
     */
    public static String key(String orderId, String status) {
        return orderId + ":" + status;
    }
}
