package com.chief.tailor;

import com.chief.health.Reasons;
import com.chief.kinesis.RecordProducer;
import com.chief.model.JobResult;
import com.chief.model.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the job results recorded in the {@link JobResultOutbox} to {@code JobResultsStream} and
 * marks each one acknowledged when the producer confirms it (the confirmations a group per
 * transaction). A result is sent at once when it is
 * recorded; whatever is still unacknowledged (a failed send, a crash before the acknowledgement)
 * is sent again by a sweep at start and every resend pause. A result already on its way is not
 * handed over a second time.
 */
public final class JobResultRelay {

    public static final Duration RESEND_PAUSE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(JobResultRelay.class);
    private static final int SWEEP_LIMIT = 1000;
    /** Acknowledgements marked in one transaction at most. */
    private static final int MARK_GROUP = 500;

    private final JobResultOutbox outbox;
    private final RecordProducer producer;
    private final String stream;
    private final ScheduledExecutorService scheduler;
    private final Duration resendPause;
    /** Results handed to the producer: false while in flight, true once acknowledged (until the next sweep starts). */
    private final Map<String, Boolean> handedOver = new ConcurrentHashMap<>();
    /** Kinesis's acknowledgements, marked in the outbox a group at a time (the KPL confirms a whole aggregate at once). */
    private final GroupedWrites<JobResult> acknowledgements;
    private ScheduledFuture<?> sweeps;

    public JobResultRelay(JobResultOutbox outbox, RecordProducer producer, String stream, ScheduledExecutorService scheduler,
            Duration resendPause) {
        this.outbox = outbox;
        this.producer = producer;
        this.stream = stream;
        this.scheduler = scheduler;
        this.resendPause = resendPause;
        this.acknowledgements = new GroupedWrites<>(scheduler, MARK_GROUP, this::markAcknowledged, this::notMarked);
    }

    /** Starts sweeping, the first time now: after a restart, what the last run left unacknowledged goes first. */
    public synchronized void start() {
        sweeps = scheduler.scheduleWithFixedDelay(this::sweep, 0, resendPause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sweeping and marks the acknowledgements received so far, so the next run does not send them again. */
    public synchronized void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
        acknowledgements.flush();
    }

    /** Hands a recorded result to the producer unless it is already on its way; a failure leaves it to the sweep. */
    public void send(JobResult result) {
        String key = result.key();
        if (handedOver.putIfAbsent(key, false) != null) {
            return;
        }
        CompletableFuture<?> acknowledgement;
        try {
            acknowledgement = producer.send(stream, result.orderId(), Json.MAPPER.writeValueAsBytes(result));
        } catch (InterruptedException e) {
            handedOver.remove(key);
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            handedOver.remove(key);
            LOG.debug("Job result {} not handed to the producer: {}", key, Reasons.of(e));
            return;
        }
        acknowledgement.whenComplete((ok, error) -> {
            if (error == null) {
                acknowledgements.add(result);
            } else {
                handedOver.remove(key);
                LOG.debug("Job result {} not accepted by Kinesis: {}", key, Reasons.of(error));
            }
        });
    }


    /** Marks a group of acknowledged results in one transaction; flagged only once the mark is committed. */
    private void markAcknowledged(List<JobResult> results) throws Exception {
        outbox.acknowledge(results);
        results.forEach(result -> handedOver.put(result.key(), true));
    }

    private void notMarked(List<JobResult> results, Exception cause) {
        results.forEach(result -> handedOver.remove(result.key())); // sent again later: consumers de-duplicate by order and status
        LOG.warn("{} job results were acknowledged by Kinesis but could not be marked so: {}", results.size(), Reasons.of(cause));
    }

    void sweep() {
        try {
            // an acknowledged result's mark is committed before it is flagged, so the query below no longer returns it
            handedOver.values().removeIf(acknowledged -> acknowledged);
            List<JobResult> due = outbox.unacknowledged(SWEEP_LIMIT);
            long fresh = due.stream().filter(r -> !handedOver.containsKey(r.key())).count();
            if (fresh > 0) {
                LOG.info("{} job results not acknowledged by Kinesis yet; sending them again", fresh);
            }
            due.forEach(this::send);
        } catch (Exception e) {
            LOG.warn("Job results outbox could not be read: {}; trying again in {} s", Reasons.of(e), resendPause.toSeconds());
        }
    }
}
