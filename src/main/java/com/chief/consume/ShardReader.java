package com.chief.consume;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Reads one shard for one application: resumes after the application's checkpoint (inside an
 * aggregate if that is where it stopped), de-aggregates within the shard's hash key range, and
 * gives the records to {@link ShardDelivery} (shared with the KCL engine), which hands batches to
 * the {@link BatchHandler} and moves the checkpoint only after the handler returned.
 * A batch that failed is offered again after a growing pause. If a system is down
 * ({@link SystemFailures}) that goes on as long as the outage; otherwise, after
 * {@code poisonAttempts} failures the batch is split ({@link PendingBatches}) until the record
 * that fails is alone, and that record alone is dead-lettered. A shard that expired from the
 * stream is finished like a shard read to its end.
 */
final class ShardReader {

    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
    private static final AggregatorUtil AGGREGATOR = new AggregatorUtil();
    /**
     * User records one fetch may bring, in batches: a KPL aggregate holds up to hundreds of orders, so
     * {@code maxRecordsPerPoll} aggregates would put ~90,000 records in memory per reader when it is behind.
     */
    private static final int BATCHES_PER_FETCH = 10;
    /** User records per Kinesis record assumed until a fetch shows the stream's real aggregation. */
    private static final int ASSUMED_AGGREGATION = 100;

    enum Step { MORE, IDLE, FAILED, FINISHED }

    private final ConsumerSettings settings;
    private final String shardId;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final KinesisClient kinesis;
    private final CheckpointStore checkpoints;
    private final ConsumerMetrics metrics;
    private final BatchHandler handler;
    private final ShardDelivery delivery;
    private String iterator;
    private boolean started;
    private String nextIterator;
    private boolean lastFetchFull;
    /** Kinesis records to ask for next: {@code maxRecordsPerPoll}, fewer when they are aggregates. */
    private int limit;

    /** {@code shard} as ListShards gave it: its id and the hash key range it owns. */
    ShardReader(ConsumerSettings settings, Shard shard, KinesisClient kinesis, CheckpointStore checkpoints,
            BatchHandler handler, DeadLetters deadLetters, ConsumerMetrics metrics) {
        this.settings = settings;
        this.shardId = shard.shardId();
        this.startingHashKey = new BigInteger(shard.hashKeyRange().startingHashKey());
        this.endingHashKey = new BigInteger(shard.hashKeyRange().endingHashKey());
        this.kinesis = kinesis;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.handler = handler;
        this.limit = nextLimit(settings, ASSUMED_AGGREGATION, 1);
        this.delivery = new ShardDelivery(settings, shardId, handler, deadLetters, metrics,
                next -> checkpoints.save(settings.application(), settings.stream(), shardId, next));
    }

    String shardId() {
        return shardId;
    }

    /** One unit of work: deliver what is pending, or fetch and deliver the next records. */
    Step step() throws Exception {
        try {
            Step early = prepare();
            return early != null ? early : deliver();
        } catch (Exception e) {
            delivery.failedElsewhere(); // Kinesis, the checkpoint store or the dead-letter place unreachable: back off like a failed batch
            throw e;
        }
    }

    /**
     * Once: hands the shard to the handler ({@link BatchHandler#take}, also for a shard read to its end:
     * work left for it is taken up) and loads the checkpoint. Then fetches when nothing is pending; a
     * step of its own at the shard's end.
     */
    private Step prepare() throws Exception {
        try {
            if (!started) {
                handler.take(shardId);
                Optional<Checkpoint> stored = checkpoints.load(settings.application(), settings.stream(), shardId);
                delivery.resumeFrom(stored.orElse(null));
                if (stored.isPresent() && stored.get().isShardEnd()) {
                    return Step.FINISHED;
                }
                iterator = initialIterator();
                started = true;
            }
            if (!delivery.hasPending()) {
                if (iterator == null) {
                    return finish("read to its end");
                }
                fetch();
                delivery.succeededElsewhere();
            }
        } catch (ResourceNotFoundException notFound) {
            if (stillListed()) {
                throw notFound; // not known to be gone (the stream itself, or an early answer): back off
            }
            return finish("expired from the stream (no longer listed)"); // past the retention, as KCL treats it
        }
        return null;
    }

    /** Makes what the handler holds durable and marks the shard done, so its children are read. */
    private Step finish(String why) throws Exception {
        delivery.endOfShard();
        checkpoints.save(settings.application(), settings.stream(), shardId, Checkpoint.SHARD_END);
        LOG.info("{}: shard {} of {} {}", settings.application(), shardId, settings.stream(), why);
        return Step.FINISHED;
    }

    private boolean stillListed() {
        return kinesis.listShards(r -> r.streamName(settings.stream())).shards().stream()
                .anyMatch(listed -> listed.shardId().equals(shardId));
    }

    private Step deliver() throws Exception {
        if (delivery.deliver() == ShardDelivery.Outcome.FAILED) {
            return Step.FAILED;
        }
        iterator = nextIterator;
        if (lastFetchFull) {
            return Step.MORE;
        }
        delivery.idle();
        return Step.IDLE;
    }

    Duration backoff() {
        return delivery.backoff();
    }

    /** Its reading ends: see {@link ShardDelivery#stopped()}. */
    void stopped() {
        delivery.stopped();
    }

    private void fetch() {
        GetRecordsResponse response;
        try {
            response = getRecords(iterator);
        } catch (ExpiredIteratorException expired) {
            iterator = resumeIterator();
            response = getRecords(iterator);
        }
        if (response.millisBehindLatest() != null) {
            metrics.lag(settings, shardId, response.millisBehindLatest());
        }
        nextIterator = response.nextShardIterator();
        int asked = limit;
        // an aggregate the KPL put on a shard not owning all its keys (around a reshard) is put again where it belongs
        List<KinesisClientRecord> records = AGGREGATOR.deaggregate(wrap(response.records()), startingHashKey, endingHashKey);
        if (!records.isEmpty()) {
            limit = nextLimit(settings, records.size(), response.records().size());
        }
        lastFetchFull = response.records().size() >= asked
                || (response.millisBehindLatest() != null && response.millisBehindLatest() > 0 && !response.records().isEmpty());
        delivery.accept(records);
    }

    /**
     * As many Kinesis records as hold about {@link #BATCHES_PER_FETCH} batches when {@code kinesisRecords}
     * held {@code userRecords}, within {@code maxRecordsPerPoll}.
     */
    static int nextLimit(ConsumerSettings settings, int userRecords, int kinesisRecords) {
        long budget = (long) settings.batchSize() * BATCHES_PER_FETCH;
        long fits = Math.max(1, budget * kinesisRecords / Math.max(userRecords, 1));
        return (int) Math.min(settings.maxRecordsPerPoll(), fits);
    }

    private GetRecordsResponse getRecords(String current) {
        metrics.getRecordsCall(settings, shardId);
        return kinesis.getRecords(r -> r.shardIterator(current).limit(limit));
    }

    private String initialIterator() {
        return delivery.checkpoint() == null ? iterator(settings.startAt(), null) : resumeIterator();
    }

    /** At the checkpoint's record, not after it: the rest of a half-processed aggregate must be read again. */
    private String resumeIterator() {
        Checkpoint checkpoint = delivery.checkpoint();
        return checkpoint == null ? iterator(settings.startAt(), null)
                : iterator(ShardIteratorType.AT_SEQUENCE_NUMBER, checkpoint.sequenceNumber());
    }

    private String iterator(ShardIteratorType type, String sequence) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                .streamName(settings.stream()).shardId(shardId).shardIteratorType(type);
        if (sequence != null) {
            request.startingSequenceNumber(sequence);
        }
        return kinesis.getShardIterator(request.build()).shardIterator();
    }

    private static List<KinesisClientRecord> wrap(List<Record> records) {
        return records.stream().map(KinesisClientRecord::fromRecord).toList();
    }
}
