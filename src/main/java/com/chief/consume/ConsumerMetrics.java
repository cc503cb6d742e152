package com.chief.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per application: records processed, batches retried, GetRecords calls per shard, each shard's lag
 * behind the tip (ms), and the shards whose batch waits for a route ({@link RouteWaits}).
 */
public final class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final RouteWaits routeWaits = new RouteWaits(Clock.systemUTC());

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public RouteWaits routeWaits() {
        return routeWaits;
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
