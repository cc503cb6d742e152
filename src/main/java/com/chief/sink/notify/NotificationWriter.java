package com.chief.sink.notify;

import com.chief.health.Reasons;
import com.chief.kinesis.BatchDeduplicator;
import com.chief.kinesis.BatchHandler;
import com.chief.kinesis.Checkpoint;
import com.chief.kinesis.DeadLetters;
import com.chief.kinesis.DedupeKeys;
import com.chief.kinesis.RecordBatch;
import com.chief.kinesis.UserRecord;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobresult-notify application: tells the customer once per order and final status (Completed,
 * Failed). Each message is tried a few times with growing pauses; a channel that keeps failing gets
 * the message dead-lettered with the reason, so one bad address or a down channel never holds the
 * stream (and never holds search or archive, which read it on their own).
 */
public final class NotificationWriter implements BatchHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationWriter.class);
    static final String APPLICATION = "jobresult-notify";

    private final BatchDeduplicator dedupe;
    private final NotificationTemplates templates;
    private final Consumer<Notification> channel;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final int attempts;
    private final Duration firstPause;

    public NotificationWriter(BatchDeduplicator dedupe, NotificationTemplates templates, Consumer<Notification> channel,
            DeadLetters deadLetters, MeterRegistry meters, int attempts, Duration firstPause) {
        this.dedupe = dedupe;
        this.templates = templates;
        this.channel = channel;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.attempts = attempts;
        this.firstPause = firstPause;
    }

    @Override
    public Checkpoint handle(RecordBatch batch) throws Exception {
        List<UserRecord> finals = new ArrayList<>();
        for (UserRecord record : batch.records()) {
            JobResult result = parse(record);
            if (result != null && (result.status() == JobStatus.Completed || result.status() == JobStatus.Failed)) {
                finals.add(record);
            }
        }
        List<String> sent = new ArrayList<>();
        for (UserRecord record : dedupe.unseen(APPLICATION, finals, DedupeKeys::jobResult)) {
            deliver(record);
            sent.add(DedupeKeys.jobResult(record));
        }
        dedupe.remember(APPLICATION, sent);
        return batch.last();
    }

    private void deliver(UserRecord record) throws Exception {
        JobResult result = parse(record);
        Notification notification = templates.compose(result);
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                channel.accept(notification);
                Counter.builder("chief.notifications").tag("status", result.status().name()).tag("outcome", "sent")
                        .register(meters).increment();
                return;
            } catch (Exception e) {
                last = e;
                LOG.warn("Notification {} failed (attempt {}/{}): {}", notification.fileName(), attempt, attempts, Reasons.of(e));
                if (attempt < attempts) {
                    Thread.sleep(firstPause.toMillis() << (attempt - 1));
                }
            }
        }
        Counter.builder("chief.notifications").tag("status", result.status().name()).tag("outcome", "dead-lettered")
                .register(meters).increment();
        deadLetters.write(APPLICATION, record, "notification channel failed " + attempts + " times: " + Reasons.of(last));
    }

    private static JobResult parse(UserRecord record) {
        try {
            return Json.MAPPER.readValue(record.data(), JobResult.class);
        } catch (Exception notAJobResult) {
            return null;
        }
    }
}
