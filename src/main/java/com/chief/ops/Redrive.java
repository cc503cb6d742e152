package com.chief.ops;

import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import com.chief.sink.aurora.LoadCounts;
import com.chief.sink.aurora.ObjectLoader;
import com.chief.sink.aurora.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Archived records back into a sink through the live writers, the one path of rebuild and repair:
 * search through a search application's writer (same documents and ids, same retry and refusal
 * rules, without the stream's dedupe), the database through the loader's {@link ObjectLoader}
 * (INSERT IGNORE / forward-only upserts: what is there stays), notifications through the notify
 * application's writer behind the one-final-status guard (only the standing final status, only
 * when {@code notification_sent} has no row). Idempotent: re-driving what a sink holds changes nothing.
 */
public final class Redrive {

    /** Fresh handlers of the live writers (one per re-drive: what a writer holds for retry is its own). */
    public record Writers(Supplier<BatchHandler> orderSearch, Supplier<BatchHandler> jobResultSearch,
            Supplier<BatchHandler> notification, ObjectLoader loader) {
    }

    private static final int BATCH = 500;
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private final Writers writers;
    /** How long a batch may wait for a sink that refuses: the sinks' own retry durations, plus a minute. */
    private final Duration patience;

    public Redrive(Writers writers, Duration patience) {
        this.writers = writers;
        this.patience = patience;
    }

    /** Orders and job results (any status) into search; returns the records handed over. */
    public int search(List<ArchivedRecord> records) throws Exception {
        List<ArchivedRecord> orders = records.stream().filter(r -> r.status() == null).toList();
        List<ArchivedRecord> jobResults = records.stream().filter(r -> r.status() != null).toList();
        return handle(writers.orderSearch().get(), orders) + handle(writers.jobResultSearch().get(), jobResults);
    }

    /** Whole archive objects into the database, as the scheduled load does. */
    public LoadCounts database(List<StoredObject> objects) throws Exception {
        LoadCounts counts = LoadCounts.NONE;
        for (StoredObject object : objects) {
            counts = counts.plus(writers.loader().load(object));
        }
        return counts;
    }

    /** Final statuses to the customers not told yet; returns the records handed over. */
    public int notifications(List<ArchivedRecord> finals) throws Exception {
        return handle(writers.notification().get(), finals.stream().filter(ArchivedRecord::isFinalStatus).toList());
    }

    private int handle(BatchHandler handler, List<ArchivedRecord> records) throws Exception {
        for (int from = 0; from < records.size(); from += BATCH) {
            List<UserRecord> batch = new ArrayList<>();
            for (ArchivedRecord record : records.subList(from, Math.min(records.size(), from + BATCH))) {
                batch.add(record.asUserRecord(record.object().lastModified()));
            }
            handleUntilDone(handler, new RecordBatch("redrive", "archive", "archive", batch));
        }
        return records.size();
    }

    /** A batch until its writer holds nothing of it: an outage is waited out, refused items retried, within the patience. */
    private void handleUntilDone(BatchHandler handler, RecordBatch batch) throws Exception {
        Instant giveUp = Instant.now().plus(patience);
        Checkpoint done = null;
        while (done == null) {
            try {
                done = handler.handle(batch);
                while (done == null) { // items held for retry: the writer retries them when idle
                    waitOrGiveUp(giveUp, "items of the batch are still refused");
                    done = handler.idle(batch.shardId());
                }
            } catch (SystemUnavailableException outage) {
                waitOrGiveUp(giveUp, outage.getMessage());
            }
        }
    }

    private static void waitOrGiveUp(Instant giveUp, String reason) throws InterruptedException {
        if (Instant.now().isAfter(giveUp)) {
            throw new IllegalStateException("sink still unavailable: " + reason);
        }
        Thread.sleep(PAUSE.toMillis());
    }
}
