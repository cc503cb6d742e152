package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

class ConsumerMetricsTest {

    @Test
    void aHandledRecordsAgeIsTimedFromItsArrivalPerApplication() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerMetrics metrics = new ConsumerMetrics(registry);
        ConsumerSettings search = new ConsumerSettings("order-search", "Orders", ShardIteratorType.TRIM_HORIZON, 100,
                Duration.ofMillis(10), 100, Duration.ofSeconds(1), 3);
        Instant now = Instant.now();
        metrics.handled(search, List.of(record(now.minusMillis(1_500)), record(now.minusMillis(200)), record(null)));

        Timer age = registry.get("chief.consumer.record.age").tag("application", "order-search").timer();
        assertThat(age.count()).as("records without an arrival time are not timed").isEqualTo(2);
        assertThat(age.max(TimeUnit.MILLISECONDS)).isBetween(1_500.0, 10_000.0);
        assertThat(age.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1_700.0);
    }

    private static UserRecord record(Instant arrival) {
        return new UserRecord("shardId-000", "k", "1", 0, arrival, new byte[0]);
    }
}
