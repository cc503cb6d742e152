package com.chief.consume;

import com.chief.health.Reasons;
import com.chief.kinesis.WarmUpRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The engine-neutral half of reading a shard, shared by Chief's polling reader and the KCL record
 * processor: takes de-aggregated records, skips what the checkpoint covers and the KPL's warm-up
 * records, hands batches to the {@link BatchHandler}, and moves the checkpoint only to what the
 * handler says is durable. A failing batch is offered again; if no system is down
 * ({@link SystemFailures}) it is split ({@link PendingBatches}) until the failing record is alone,
 * and that record alone is dead-lettered. A batch waiting for a route that takes no work is noted
 * in {@link RouteWaits} until a batch goes through. Where the checkpoint is stored is the engine's business.
 */
public final class ShardDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ShardDelivery.class);

    /** Stores a checkpoint: Chief's table for the polling engine, the lease table for KCL. */
    @FunctionalInterface
    public interface CheckpointSink {
        void save(Checkpoint checkpoint) throws Exception;
    }

    public enum Outcome { DELIVERED, FAILED }

    private final ConsumerSettings settings;
    private final String shardId;
    private final BatchHandler handler;
    private final DeadLetters deadLetters;
    private final ConsumerMetrics metrics;
    private final CheckpointSink sink;
    private final PendingBatches pending;
    private Checkpoint checkpoint;
    private Checkpoint delivered; // the last record the handler took; it may hold records up to here
    private Checkpoint skipped; // the last record skipped (a warm-up record) after the last one handed over
    private int failures;

    public ShardDelivery(ConsumerSettings settings, String shardId, BatchHandler handler, DeadLetters deadLetters,
            ConsumerMetrics metrics, CheckpointSink sink) {
        this.settings = settings;
        this.shardId = shardId;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.sink = sink;
        this.pending = new PendingBatches(settings.poisonAttempts());
    }

    /** Where the shard resumes: records this covers are not delivered again. */
    public void resumeFrom(Checkpoint stored) {
        this.checkpoint = stored;
    }

    /** The last checkpoint stored, or null. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Queues de-aggregated records (already filtered to the shard's hash key range) in batches. */
    public void accept(List<KinesisClientRecord> records) {
        List<UserRecord> fresh = new ArrayList<>();
        for (KinesisClientRecord user : records) {
            if (checkpoint != null && checkpoint.covers(user.sequenceNumber(), user.subSequenceNumber())) {
                continue;
            }
            if (WarmUpRecord.is(user.partitionKey())) {
                skipped = new Checkpoint(user.sequenceNumber(), user.subSequenceNumber());
            } else {
                skipped = null; // delivering this record covers what was skipped before it
                fresh.add(new UserRecord(shardId, user.partitionKey(), user.sequenceNumber(), user.subSequenceNumber(),
                        user.approximateArrivalTimestamp(), bytes(user.data())));
            }
        }
        metrics.received(settings, shardId, fresh);
        for (int from = 0; from < fresh.size(); from += settings.batchSize()) {
            pending.add(new RecordBatch(settings.application(), settings.stream(), shardId,
                    List.copyOf(fresh.subList(from, Math.min(fresh.size(), from + settings.batchSize())))));
        }
    }

    /** Hands every pending batch over; stops at the first batch that must wait (FAILED: back off). */
    public Outcome deliver() throws Exception {
        while (!pending.isEmpty()) {
            RecordBatch batch = pending.next();
            Checkpoint safe;
            try {
                safe = handler.handle(batch);
            } catch (Exception e) {
                PendingBatches.Verdict verdict = SystemFailures.isSystemFailure(e) ? PendingBatches.Verdict.RETRY_LATER
                        : pending.failed();
                switch (verdict) {
                    case RETRY_LATER -> {
                        return retryLater(batch, e);
                    }
                    case SPLIT -> LOG.warn("{}: batch of {} records from {} keeps failing, split to find the record: {}",
                            settings.application(), batch.records().size(), shardId, Reasons.of(e));
                    case GIVE_UP -> setAside(batch.records().get(0), e);
                }
                continue;
            }
            failures = 0;
            metrics.routeWaits().cleared(settings.application(), shardId);
            delivered = batch.last();
            if (safe != null) {
                save(safe);
            }
            metrics.handled(settings, batch.records());
            metrics.processed(settings, batch.records().size());
            pending.done();
        }
        checkpointSkipped();
        return Outcome.DELIVERED;
    }

    /** The shard had nothing new: lets a buffering handler flush by age. */
    public void idle() throws Exception {
        Checkpoint flushed = handler.idle(shardId);
        if (flushed != null) {
            save(flushed);
            checkpointSkipped();
        }
    }

    /** The shard is read to its end: whatever the handler holds is made durable and checkpointed. */
    public void endOfShard() throws Exception {
        Checkpoint flushed = handler.endOfShard(shardId);
        if (flushed != null) {
            save(flushed);
        }
    }

    /** A failure outside the handler (Kinesis, the checkpoint store): counts toward the back-off. */
    public void failedElsewhere() {
        failures++;
    }

    public void succeededElsewhere() {
        failures = 0;
    }

    /** The shard's reader stops (Chief stopping, the shard handed to another instance): it waits for nothing now. */
    public void stopped() {
        metrics.routeWaits().cleared(settings.application(), shardId);
        metrics.released(settings, shardId);
    }

    public Duration backoff() {
        long millis = Math.min(settings.maxBackoff().toMillis(), 500L << Math.min(failures, 10));
        return Duration.ofMillis(millis);
    }

    /** True when the checkpoint covers every record handed over: the handler holds nothing. */
    private boolean handlerHoldsNothing() {
        return delivered == null || (checkpoint != null && checkpoint.covers(delivered.sequenceNumber(), delivered.subSequence()));
    }

    /**
     * Records skipped (the KPL's warm-up records) after the last one handed over move the
     * checkpoint once the handler holds nothing, so a stream whose last record is one of them is
     * still read to its end.
     */
    private void checkpointSkipped() throws Exception {
        if (skipped != null && handlerHoldsNothing()) {
            save(skipped);
            delivered = skipped;
            skipped = null;
        }
    }

    private Outcome retryLater(RecordBatch batch, Exception e) {
        failures++;
        metrics.retry(settings, shardId);
        SystemFailures.routeUnavailable(e).ifPresent(unavailable ->
                metrics.routeWaits().waiting(settings.application(), shardId, unavailable));
        LOG.warn("{}: batch of {} records from {} failed (attempt {}), offered again: {}", settings.application(),
                batch.records().size(), shardId, failures, Reasons.of(e));
        return Outcome.FAILED;
    }

    /**
     * Dead-letters a record that failed on its own every time. The checkpoint moves past it only if
     * the handler holds nothing before it: a buffering handler's own checkpoint covers it later.
     */
    private void setAside(UserRecord record, Exception e) throws Exception {
        deadLetters.write(settings.application(), record, "failed " + settings.poisonAttempts() + " times on its own: "
                + e.getClass().getName() + ": " + Reasons.of(e));
        pending.done();
        if (handlerHoldsNothing()) {
            Checkpoint past = new Checkpoint(record.sequenceNumber(), record.subSequenceNumber());
            save(past);
            delivered = past;
        }
    }

    private void save(Checkpoint next) throws Exception {
        sink.save(next);
        checkpoint = next;
        metrics.checkpointed(settings, shardId, next);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
