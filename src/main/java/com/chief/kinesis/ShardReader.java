package com.chief.kinesis;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Reads one shard for one application: resumes after the application's checkpoint (inside an
 * aggregate if that is where it stopped), de-aggregates, hands batches to the {@link BatchHandler}
 * and moves the checkpoint only after the handler returned. A failed batch is offered again,
 * unchanged, after a growing pause; the reader never skips past it.
 */
final class ShardReader {

    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
    private static final AggregatorUtil AGGREGATOR = new AggregatorUtil();

    enum Step { MORE, IDLE, FAILED, FINISHED }

    private final ConsumerSettings settings;
    private final String shardId;
    private final KinesisClient kinesis;
    private final CheckpointStore checkpoints;
    private final BatchHandler handler;
    private final ConsumerMetrics metrics;
    private Checkpoint checkpoint;
    private String iterator;
    private boolean started;
    private final List<RecordBatch> unfinished = new ArrayList<>();
    private String nextIterator;
    private int failures;
    private boolean lastFetchFull;

    ShardReader(ConsumerSettings settings, String shardId, KinesisClient kinesis, CheckpointStore checkpoints,
            BatchHandler handler, ConsumerMetrics metrics) {
        this.settings = settings;
        this.shardId = shardId;
        this.kinesis = kinesis;
        this.checkpoints = checkpoints;
        this.handler = handler;
        this.metrics = metrics;
    }

    String shardId() {
        return shardId;
    }

    /** One unit of work: deliver what is pending, or fetch and deliver the next records. */
    Step step() throws Exception {
        try {
            Step early = prepare();
            if (early != null) {
                return early;
            }
        } catch (Exception e) {
            failures++; // Kinesis or the checkpoint store unreachable: back off like a failed batch
            throw e;
        }
        return deliver();
    }

    /** Loads the checkpoint once and fetches when nothing is pending; a step of its own at the shard's end. */
    private Step prepare() throws Exception {
        if (!started) {
            Optional<Checkpoint> stored = checkpoints.load(settings.application(), settings.stream(), shardId);
            checkpoint = stored.orElse(null);
            if (checkpoint != null && checkpoint.isShardEnd()) {
                return Step.FINISHED;
            }
            iterator = initialIterator();
            started = true;
        }
        if (unfinished.isEmpty()) {
            if (iterator == null) {
                Checkpoint flushed = handler.endOfShard(shardId);
                if (flushed != null) {
                    save(flushed);
                }
                checkpoints.save(settings.application(), settings.stream(), shardId, Checkpoint.SHARD_END);
                LOG.info("{}: shard {} of {} read to its end", settings.application(), shardId, settings.stream());
                return Step.FINISHED;
            }
            fetch();
            failures = 0;
        }
        return null;
    }

    private Step deliver() throws Exception {
        while (!unfinished.isEmpty()) {
            RecordBatch batch = unfinished.get(0);
            Checkpoint safe;
            try {
                safe = handler.handle(batch);
            } catch (Exception e) {
                failures++;
                metrics.retry(settings, shardId);
                LOG.warn("{}: batch of {} records from {} failed (attempt {}), offered again: {}", settings.application(),
                        batch.records().size(), shardId, failures, e.getMessage());
                return Step.FAILED;
            }
            failures = 0;
            if (safe != null) {
                save(safe);
            }
            metrics.processed(settings, batch.records().size());
            unfinished.remove(0);
        }
        iterator = nextIterator;
        if (lastFetchFull) {
            return Step.MORE;
        }
        Checkpoint flushed = handler.idle(shardId);
        if (flushed != null) {
            save(flushed);
        }
        return Step.IDLE;
    }

    Duration backoff() {
        long millis = Math.min(settings.maxBackoff().toMillis(), 500L << Math.min(failures, 10));
        return Duration.ofMillis(millis);
    }

    private void fetch() {
        GetRecordsResponse response;
        try {
            String current = iterator;
            response = kinesis.getRecords(r -> r.shardIterator(current).limit(settings.maxRecordsPerPoll()));
        } catch (ExpiredIteratorException expired) {
            iterator = resumeIterator();
            String current = iterator;
            response = kinesis.getRecords(r -> r.shardIterator(current).limit(settings.maxRecordsPerPoll()));
        }
        if (response.millisBehindLatest() != null) {
            metrics.lag(settings, shardId, response.millisBehindLatest());
        }
        nextIterator = response.nextShardIterator();
        lastFetchFull = response.records().size() >= settings.maxRecordsPerPoll()
                || (response.millisBehindLatest() != null && response.millisBehindLatest() > 0 && !response.records().isEmpty());
        List<UserRecord> fresh = new ArrayList<>();
        for (KinesisClientRecord user : AGGREGATOR.deaggregate(wrap(response.records()))) {
            if (checkpoint != null && checkpoint.covers(user.sequenceNumber(), user.subSequenceNumber())) {
                continue;
            }
            if (!WarmUpRecord.is(user.partitionKey())) {
                fresh.add(new UserRecord(shardId, user.partitionKey(), user.sequenceNumber(), user.subSequenceNumber(),
                        user.approximateArrivalTimestamp(), bytes(user.data())));
            }
        }
        for (int from = 0; from < fresh.size(); from += settings.batchSize()) {
            unfinished.add(new RecordBatch(settings.application(), settings.stream(), shardId,
                    List.copyOf(fresh.subList(from, Math.min(fresh.size(), from + settings.batchSize())))));
        }
    }

    private void save(Checkpoint next) throws Exception {
        checkpoints.save(settings.application(), settings.stream(), shardId, next);
        checkpoint = next;
    }

    private String initialIterator() {
        return checkpoint == null ? iterator(settings.startAt(), null) : resumeIterator();
    }

    /** At the checkpoint's record, not after it: the rest of a half-processed aggregate must be read again. */
    private String resumeIterator() {
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

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
