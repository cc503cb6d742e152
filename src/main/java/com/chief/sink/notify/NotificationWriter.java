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
 * only what had not gone out. A channel that is down ({@link ChannelFailure#UNAVAILABLE}) is
 * tried a few times with growing pauses, then the batch is held ({@link SystemUnavailableException}:
 * the checkpoint waits, nothing is dead-lettered); only a message the channel refuses for good is
 * dead-lettered with the reason, as is a record that is no job result. A message the channel accepted while the database could not record
 * it is kept in memory and recorded before anything else is sent, so a database outage holds the
 * batch without sending it twice (only a crash during that outage can).
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

    /** A final status with the record it came from. */
    private record Final(JobResult result, UserRecord record) {
    }

    public NotificationWriter(SentNotifications sent, NotificationTemplates templates, Consumer<Notification> channel,
            DeadLetters deadLetters, MeterRegistry meters, int attempts, Duration firstPause) {
        this.sent = sent;
        this.templates = templates;
        this.channel = channel;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.attempts = attempts;
        this.firstPause = firstPause;
    }

    @Override
    public Checkpoint handle(RecordBatch batch) throws Exception {
        for (Final accepted : List.copyOf(acceptedNotRecorded.values())) {
            remember(accepted.result(), accepted.record());
        }
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
            deliver(result, finals.get(result.key()).record());
        }
        return batch.last();
    }

    private void deliver(JobResult result, UserRecord record) throws Exception {
        Notification notification;
        try {
            notification = templates.compose(result);
        } catch (UnsafeHeaderException unsendable) {
            count(result, "dead-lettered");
            deadLetters.write(APPLICATION, record, "notification not sendable: " + unsendable.getMessage());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                channel.accept(notification);
            } catch (RuntimeException e) {
                ChannelFailure failure = ChannelFailure.of(e);
                if (failure == ChannelFailure.REFUSED) {
                    count(result, "dead-lettered");
                    deadLetters.write(APPLICATION, record, "notification refused by the channel: " + Reasons.of(e));
                    return;
                }
                if (failure == ChannelFailure.UNKNOWN) {
                    throw e;
                }
                LOG.debug("Notification {}: channel unavailable (attempt {}/{}): {}", notification.fileName(), attempt, attempts,
                        Reasons.of(e));
                if (attempt >= attempts) {
                    count(result, "held");
                    throw new SystemUnavailableException("notification channel unavailable: " + Reasons.of(e), e);
                }
                Thread.sleep(firstPause.toMillis() << (attempt - 1));
                continue;
            }
            count(result, "sent");
            remember(result, record);
            return;
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
        Counter.builder("chief.notifications").tag("status", result.status().name()).tag("outcome", outcome)
                .description("Customer notifications by outcome").register(meters).increment();
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
