package com.chief.consume;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per application and shard: the records handed to the application that no checkpoint covers yet,
 * and when the oldest of them arrived in Kinesis. This is the backlog an operator cares about; the
 * emulator's MillisBehindLatest stays 0 and says nothing of records a handler still buffers.
 * Fed by {@link ShardDelivery} (both engines), published as gauges
 * {@code chief.consumer.unprocessed.records} and {@code chief.consumer.unprocessed.age.ms}.
 */
public final class UnprocessedRecords {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();

    public UnprocessedRecords(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Records handed over, in stream order; one already noted (read again after a restart of the iterator) is ignored. */
    void arrived(String application, String shardId, List<UserRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Shard shard = shard(application, shardId);
        Instant now = clock.instant();
        synchronized (shard) {
            for (UserRecord record : records) {
                Position last = shard.waiting.peekLast();
                if (last != null && last.asCheckpoint().covers(record.sequenceNumber(), record.subSequenceNumber())) {
                    continue;
                }
                shard.waiting.addLast(new Position(record.sequenceNumber(), record.subSequenceNumber(),
                        record.arrival() != null ? record.arrival() : now));
            }
        }
    }

    /** The checkpoint moved: what it covers is processed. */
    void checkpointed(String application, String shardId, Checkpoint checkpoint) {
        Shard shard = shards.get(key(application, shardId));
        if (shard == null) {
            return;
        }
        synchronized (shard) {
            while (!shard.waiting.isEmpty()) {
                Position first = shard.waiting.peekFirst();
                if (!checkpoint.covers(first.sequenceNumber(), first.subSequence())) {
                    break;
                }
                shard.waiting.removeFirst();
            }
        }
    }

    /** This instance reads the shard no more (stopping, lease lost): another reader counts its backlog. */
    void released(String application, String shardId) {
        Shard shard = shards.get(key(application, shardId));
        if (shard != null) {
            synchronized (shard) {
                shard.waiting.clear();
            }
        }
    }

    public int count(String application, String shardId) {
        Shard shard = shards.get(key(application, shardId));
        if (shard == null) {
            return 0;
        }
        synchronized (shard) {
            return shard.waiting.size();
        }
    }

    /** When the oldest record no checkpoint covers arrived in Kinesis; empty when there is none. */
    public Optional<Instant> oldestArrival(String application, String shardId) {
        Shard shard = shards.get(key(application, shardId));
        if (shard == null) {
            return Optional.empty();
        }
        synchronized (shard) {
            Position first = shard.waiting.peekFirst();
            return first == null ? Optional.empty() : Optional.of(first.arrival());
        }
    }

    /** Age of the oldest unprocessed record now, 0 when there is none. */
    public long oldestAgeMillis(String application, String shardId) {
        return oldestArrival(application, shardId)
                .map(arrival -> Math.max(0, Duration.between(arrival, clock.instant()).toMillis())).orElse(0L);
    }

    private Shard shard(String application, String shardId) {
        return shards.computeIfAbsent(key(application, shardId), key -> {
            Shard shard = new Shard();
            // the map keeps each Shard, so the gauges (weakly referenced by Micrometer) stay alive
            Gauge.builder("chief.consumer.unprocessed.records", shard, s -> count(application, shardId))
                    .tag("application", application).tag("shard", shardId)
                    .description("Records handed to the application that no checkpoint covers yet").register(registry);
            Gauge.builder("chief.consumer.unprocessed.age.ms", shard, s -> oldestAgeMillis(application, shardId))
                    .tag("application", application).tag("shard", shardId)
                    .description("Milliseconds since the oldest record no checkpoint covers arrived in Kinesis")
                    .register(registry);
            return shard;
        });
    }

    private static String key(String application, String shardId) {
        return application + "/" + shardId;
    }

    private static final class Shard {
        final Deque<Position> waiting = new ArrayDeque<>();
    }

    private record Position(String sequenceNumber, long subSequence, Instant arrival) {
        Checkpoint asCheckpoint() {
            return new Checkpoint(sequenceNumber, subSequence);
        }
    }
}
