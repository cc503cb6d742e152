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
        return orderId + ":" + status;
    }
}
