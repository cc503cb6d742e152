package com.chief.kinesis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per application: records processed, batches retried, and each shard's lag behind the tip (ms). */
public final class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void processed(ConsumerSettings settings, int records) {
        Counter.builder("chief.consumer.records").tag("application", settings.application())
                .description("User records processed and checkpointed").register(registry).increment(records);
    }

    void retry(ConsumerSettings settings, String shardId) {
        Counter.builder("chief.consumer.retries").tag("application", settings.application()).tag("shard", shardId)
                .description("Batches offered again after a failure").register(registry).increment();
    }

    void lag(ConsumerSettings settings, String shardId, long millisBehind) {
        lags.computeIfAbsent(settings.application() + "/" + shardId, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("chief.consumer.lag.ms", value, AtomicLong::get)
                    .tag("application", settings.application()).tag("shard", shardId)
                    .description("Milliseconds behind the tip of the shard").register(registry);
            return value;
        }).set(millisBehind);
    }
}
