package com.chief.sink.notify;

import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemFailures;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import com.chief.health.Reasons;
import com.chief.model.JobResult;
import com.chief.model.Json;
import com.chief.sink.HeldForRetry;
import com.chief.sink.RetryDuration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobresult-notify application's handler: tells the customer at most once per order and final status
 * (Completed, Failed). Each message is remembered ({@link SentNotifications}) the moment the
 * channel has accepted it and looked up before sending, so a batch replayed after a crash sends
 * only what had not gone out. A message the channel refuses for now ({@link ChannelFailure#UNAVAILABLE})
 * is tried a few times with growing pauses, then held for retry ({@link HeldForRetry}) while the rest
 * of the batch and later batches are sent; the shard's checkpoint waits for it. {@link RetryDuration}
 * decides: a message refused for longer than the retry duration while the channel took others is
 * dead-lettered with every reason seen; a channel that refuses everything is an outage, and the batch is
 * held ({@link SystemUnavailableException}) with nothing dead-lettered. A message the channel refuses
 * for good is dead-lettered at once with the reason, as is a record that is no job result. A message the
 * channel accepted while the database could not record it is kept in memory and recorded before anything
 * else is sent, so a database outage holds the batch without sending it twice (only a crash during that
 * outage can).
 */
public final class NotificationWriter implements BatchHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationWriter.class);
    private static final String APPLICATION = NotifyApplication.NAME;

    private final SentNotifications sent;
    private final NotificationTemplates templates;
    private final Consumer<Notification> channel;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final int attempts;
    private final Duration firstPause;
    private final Map<String, Final> acceptedNotRecorded = new ConcurrentHashMap<>();
    private final RetryDuration retries;
    private final HeldForRetry<Final> held = new HeldForRetry<>();
    /** By status and outcome: registered once, not looked up per message. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** A final status with the record it came from. */
    private record Final(JobResult result, UserRecord record) {
    }

    public NotificationWriter(SentNotifications sent, NotificationTemplates templates, Consumer<Notification> channel,
            DeadLetters deadLetters, MeterRegistry meters, int attempts, Duration firstPause, Duration retryDuration) {
        this.sent = sent;
        this.templates = templates;
        this.channel = channel;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.attempts = attempts;
        this.firstPause = firstPause;
        this.retries = new RetryDuration(APPLICATION, retryDuration, meters);
    }

    @Override
    public Checkpoint handle(RecordBatch batch) throws Exception {
        recordAcceptedNotRecorded();
        String shard = batch.shardId();
        Map<String, Final> finals = new LinkedHashMap<>(); // the first record of each order and final status
        for (UserRecord record : batch.records()) {
            JobResult result;
            try {
                result = read(record);
            } catch (IOException | IllegalArgumentException notAJobResult) {
                deadLetters.write(APPLICATION, record, "not a job result: " + Reasons.of(notAJobResult));
                continue;
            }
            if (result.status().isFinal()) {
                finals.putIfAbsent(result.key(), new Final(result, record));
            }
        }
        for (JobResult result : sent.unsent(finals.values().stream().map(Final::result).toList())) {
            Final message = finals.get(result.key());
            if (retries.known(result.key())) {
                held.hold(shard, result.key(), message); // refused before: after the fresh ones, when its pause is over
            } else {
                String refusal = deliver(message, attempts);
                if (refusal != null && refused(shard, message, refusal) == RetryDuration.Verdict.OUTAGE) {
                    count(result, "held");
                    throw new SystemUnavailableException("notification channel unavailable: " + refusal);
                }
            }
        }
        retryHeld(shard);
        return held.handled(shard, batch.last());
    }

    /** No new records: the refused messages held for the shard are tried again; the checkpoint once none is left. */
    @Override
    public Checkpoint idle(String shardId) throws Exception {
        recordAcceptedNotRecorded();
        retryHeld(shardId);
        return held.owed(shardId);
    }

    @Override
    public Checkpoint endOfShard(String shardId) throws Exception {
        Checkpoint owed = idle(shardId);
        if (!held.of(shardId).isEmpty()) {
            throw new SystemUnavailableException(held.of(shardId).size() + " refused notifications of " + shardId
                    + " are still within their retry duration");
        }
        return owed;
    }

    @Override
    public void release(String shardId) {
        held.release(shardId).forEach(retries::forget);
    }

    private void recordAcceptedNotRecorded() throws Exception {
        for (Final accepted : List.copyOf(acceptedNotRecorded.values())) {
            remember(accepted.result(), accepted.record());
        }
    }

    /** One attempt for each held message whose pause is over; none more once the channel looks down. */
    private void retryHeld(String shard) throws Exception {
        for (Map.Entry<String, Final> entry : held.of(shard)) {
            if (retries.due(entry.getKey())) {
                String refusal = deliver(entry.getValue(), 1);
                if (refusal == null) {
                    held.done(shard, entry.getKey());
                    retries.forget(entry.getKey());
                } else if (refused(shard, entry.getValue(), refusal) == RetryDuration.Verdict.OUTAGE) {
                    return;
                }
            }
        }
    }

    /**
     * The channel refused the message for now: it is held for retry, or dead-lettered once its retry
     * duration is over. Returns the verdict; on an outage the message stays held and the caller decides.
     */
    private RetryDuration.Verdict refused(String shard, Final message, String reason) throws Exception {
        String key = message.result().key();
        RetryDuration.Verdict verdict = retries.refused(key, reason);
        if (verdict == RetryDuration.Verdict.GIVE_UP) {
            held.done(shard, key);
            count(message.result(), "dead-lettered");
            deadLetters.write(APPLICATION, message.record(), retries.giveUp(key, "notification"));
        } else {
            held.hold(shard, key, message);
        }
        return verdict;
    }

    /**
     * Sends a message, trying {@code tries} times with growing pauses while the channel is unavailable.
     * Returns null once it is sent or set aside for good, else the channel's last reason for refusing it now.
     */
    private String deliver(Final message, int tries) throws Exception {
        JobResult result = message.result();
        UserRecord record = message.record();
        Notification notification;
        try {
            notification = templates.compose(result);
        } catch (UnsafeHeaderException unsendable) {
            count(result, "dead-lettered");
            deadLetters.write(APPLICATION, record, "notification not sendable: " + unsendable.getMessage());
            return null;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                channel.accept(notification);
            } catch (RuntimeException e) {
                ChannelFailure failure = ChannelFailure.of(e);
                if (failure == ChannelFailure.REFUSED) {
                    count(result, "dead-lettered");
                    deadLetters.write(APPLICATION, record, "notification refused by the channel: " + Reasons.of(e));
                    return null;
                }
                if (failure == ChannelFailure.UNKNOWN) {
                    throw e;
                }
                LOG.debug("Notification {}: channel unavailable (attempt {}/{}): {}", notification.fileName(), attempt, tries,
                        Reasons.of(e));
                if (attempt >= tries) {
                    return Reasons.of(e);
                }
                Thread.sleep(firstPause.toMillis() << (attempt - 1));
                continue;
            }
            retries.accepted();
            count(result, "sent");
            remember(result, record);
            return null;
        }
    }

    private void remember(JobResult result, UserRecord record) throws Exception {
        String key = result.key();
        acceptedNotRecorded.put(key, new Final(result, record));
        try {
            sent.remember(result);
            acceptedNotRecorded.remove(key);
        } catch (SQLException e) {
            if (SystemFailures.isSystemFailure(e)) {
                throw new SystemUnavailableException("database unavailable to remember notification " + result.orderId() + " "
                        + result.status() + ": " + Reasons.of(e), e);
            }
            // this record's data cannot be stored (an id longer than the column): it must not hold the stream
            acceptedNotRecorded.remove(key);
            deadLetters.write(APPLICATION, record, "notification sent but not recorded, a replay would send it again: "
                    + Reasons.of(e));
        }
    }

    private void count(JobResult result, String outcome) {
        counters.computeIfAbsent(result.status().name() + " " + outcome, key -> Counter.builder("chief.notifications")
                .tag("status", result.status().name()).tag("outcome", outcome)
                .description("Customer notifications by outcome").register(meters)).increment();
    }

    /** The record's job result; throws when it holds none, so that it is dead-lettered rather than skipped unseen. */
    private static JobResult read(UserRecord record) throws IOException {
        JobResult result = Json.MAPPER.readValue(record.data(), JobResult.class);
        if (result == null || result.orderId() == null || result.status() == null) {
            throw new IllegalArgumentException("orderId and status are required");
        }
        return result;
    }
}
