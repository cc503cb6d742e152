package com.chief.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per application: records received and processed, batches retried, GetRecords calls per shard, each
 * shard's lag behind the tip (ms), the records no checkpoint covers yet ({@link UnprocessedRecords}),
 * and the shards whose batch waits for a route ({@link RouteWaits}).
 */
public final class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final RouteWaits routeWaits = new RouteWaits(clock);
    private final UnprocessedRecords unprocessed;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unprocessed = new UnprocessedRecords(registry, clock);
    }

    public RouteWaits routeWaits() {
        return routeWaits;
    }

    public UnprocessedRecords unprocessed() {
        return unprocessed;
    }

    /** New records of a shard handed to the application (not yet processed). */
    public void received(ConsumerSettings settings, String shardId, List<UserRecord> records) {
        Counter.builder("chief.consumer.received").tag("application", settings.application())
                .description("User records handed to the application").register(registry).increment(records.size());
        unprocessed.arrived(settings.application(), shardId, records);
    }

    public void checkpointed(ConsumerSettings settings, String shardId, Checkpoint checkpoint) {
        unprocessed.checkpointed(settings.application(), shardId, checkpoint);
    }

    /** This instance reads the shard no more. */
    public void released(ConsumerSettings settings, String shardId) {
        unprocessed.released(settings.application(), shardId);
    }

    /**
     * How long each record of a batch its application has just handled waited since it reached the stream:
     * an application's freshness (a search application's records are then searchable after the next refresh).
     */
    public void handled(ConsumerSettings settings, List<UserRecord> records) {
        Timer timer = Timer.builder("chief.consumer.record.age").tag("application", settings.application())
                .description("From a record's arrival in the stream to its application having handled it")
                .publishPercentiles(0.5, 0.99).register(registry);
        long now = clock.millis();
        for (UserRecord record : records) {
            if (record.arrival() != null) {
                timer.record(Math.max(0, now - record.arrival().toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        }
    }

    public void processed(ConsumerSettings settings, int records) {
        Counter.builder("chief.consumer.records").tag("application", settings.application())
                .description("User records processed and checkpointed").register(registry).increment(records);
    }

    public void retry(ConsumerSettings settings, String shardId) {
        Counter.builder("chief.consumer.retries").tag("application", settings.application()).tag("shard", shardId)
                .description("Batches offered again after a failure").register(registry).increment();
    }

    /** One GetRecords call (or, under KCL, one delivery of a poll) on a shard: the read budget is 5 per second per shard. */
    public void getRecordsCall(ConsumerSettings settings, String shardId) {
        Counter.builder("chief.consumer.getrecords").tag("stream", settings.stream()).tag("shard", shardId)
                .tag("application", settings.application())
                .description("GetRecords calls per shard (all applications of a stream share 5/s per shard)")
                .register(registry).increment();
    }

    public void lag(ConsumerSettings settings, String shardId, long millisBehind) {
        lags.computeIfAbsent(settings.application() + "/" + shardId, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("chief.consumer.lag.ms", value, AtomicLong::get)
                    .tag("application", settings.application()).tag("shard", shardId)
                    .description("Milliseconds behind the tip of the shard").register(registry);
            return value;
        }).set(millisBehind);
    }
}
