package com.chief.consume.kcl;

import com.chief.consume.ShardDelivery;
import com.chief.health.Reasons;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumerMetrics;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.DeadLetters;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * One shard of one application under a KCL lease. KCL de-aggregates (within the shard's hash key
 * range) and calls here once per poll; {@link ShardDelivery} does the rest exactly as for the
 * polling engine, and its checkpoints go to KCL's lease (sequence and sub-sequence). A batch that
 * must wait (a system down) is retried here, holding the shard, as long as this worker holds the
 * lease: KCL would otherwise hand over the next records. On lease loss nothing is checkpointed;
 * on a requested shutdown what the handler holds is flushed and checkpointed; a shard end is
 * checkpointed, once nothing of the shard is pending or held, so the child shards start. A lease taken is handed to the handler first
 * ({@link BatchHandler#take}), tried until it succeeds or the lease is gone.
 */
final class KclRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(KclRecordProcessor.class);

    private final ConsumerSettings settings;
    private final BatchHandler handler;
    private final DeadLetters deadLetters;
    private final ConsumerMetrics metrics;
    private final Predicate<String> leaseHeld;
    private final BooleanSupplier running;
    private String shardId;
    private ShardDelivery delivery;
    private RecordProcessorCheckpointer checkpointer;

    /** {@code leaseHeld}: whether this worker still holds a shard's lease; {@code running}: false once the engine stops. */
    KclRecordProcessor(ConsumerSettings settings, BatchHandler handler, DeadLetters deadLetters, ConsumerMetrics metrics,
            Predicate<String> leaseHeld, BooleanSupplier running) {
        this.settings = settings;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.leaseHeld = leaseHeld;
        this.running = running;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        handler.release(shardId); // anything still held from an earlier lease of this shard is another reader's now
        delivery = new ShardDelivery(settings, shardId, handler, deadLetters, metrics, this::checkpoint);
        take();
        ExtendedSequenceNumber start = input.extendedSequenceNumber();
        if (start != null && !start.isSentinelCheckpoint()) {
            delivery.resumeFrom(new Checkpoint(start.sequenceNumber(), start.subSequenceNumber()));
        }
        LOG.info("{}: holding the lease of {} / {}, from {}", settings.application(), settings.stream(), shardId, start);
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        checkpointer = input.checkpointer();
        metrics.getRecordsCall(settings, shardId);
        if (input.millisBehindLatest() != null) {
            metrics.lag(settings, shardId, input.millisBehindLatest());
        }
        delivery.accept(input.records());
        boolean empty = input.records().isEmpty();
        while (mayGoOn()) {
            try {
                if (delivery.deliver() == ShardDelivery.Outcome.DELIVERED) {
                    if (empty) {
                        delivery.idle(); // a chance for a buffering handler to flush by age
                    }
                    return;
                }
            } catch (ShutdownException lost) {
                LOG.info("{}: lease of {} lost while checkpointing; another worker goes on from its checkpoint",
                        settings.application(), shardId);
                return;
            } catch (Exception e) {
                delivery.failedElsewhere(); // the dead-letter place or the lease table unreachable
                LOG.warn("{}: delivering from {} failed, trying again: {}", settings.application(), shardId, Reasons.of(e));
            }
            pause(delivery.backoff());
        }
    }

    /** Lets the handler take up what an earlier reader of the shard left unfinished, before its first batch. */
    private void take() {
        while (mayGoOn()) {
            try {
                handler.take(shardId);
                return;
            } catch (Exception e) {
                delivery.failedElsewhere();
                LOG.warn("{}: taking up {} failed, trying again: {}", settings.application(), shardId, Reasons.of(e));
            }
            pause(delivery.backoff());
        }
    }

    private boolean mayGoOn() {
        return running.getAsBoolean() && leaseHeld.test(shardId);
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // no checkpoint: the new holder goes on from the last one stored, and dedupe absorbs the replay
        handler.release(shardId);
        delivery.stopped();
        LOG.info("{}: lost the lease of {} / {}", settings.application(), settings.stream(), shardId);
    }

    /**
     * SHARD_END lets the child shards start, so it is stored only once nothing of this shard is left:
     * batches still pending (processRecords stops delivering when the lease looks lost or Chief stops)
     * are delivered first, then what the handler holds is made durable. If Chief stops before that,
     * nothing is checkpointed and KCL ends the shard again later.
     */
    @Override
    public void shardEnded(ShardEndedInput input) {
        checkpointer = input.checkpointer();
        while (true) {
            try {
                if (delivery.deliver() == ShardDelivery.Outcome.DELIVERED) {
                    delivery.endOfShard();
                    input.checkpointer().checkpoint(); // SHARD_END: KCL starts the child shards
                    LOG.info("{}: shard {} of {} read to its end", settings.application(), shardId, settings.stream());
                    return;
                }
            } catch (ShutdownException lost) {
                return;
            } catch (Exception e) {
                delivery.failedElsewhere();
                LOG.warn("{}: finishing shard {} failed, trying again: {}", settings.application(), shardId, Reasons.of(e));
            }
            if (!running.getAsBoolean()) {
                LOG.info("{}: Chief stops before shard {} is finished; its end is not checkpointed", settings.application(), shardId);
                return;
            }
            pause(delivery.backoff());
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        checkpointer = input.checkpointer();
        delivery.stopped();
        try {
            delivery.endOfShard(); // flush: what the handler holds becomes durable and checkpointed now
        } catch (Exception e) {
            LOG.warn("{}: could not flush {} at shutdown; the next holder replays from the last checkpoint: {}",
                    settings.application(), shardId, Reasons.of(e));
        }
    }

    private void checkpoint(Checkpoint next) throws Exception {
        checkpointer.checkpoint(next.sequenceNumber(), next.subSequence());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
