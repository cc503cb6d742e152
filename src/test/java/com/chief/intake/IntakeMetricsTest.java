package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IntakeMetricsTest {

    @Test
    void aFilesWaitIsTimedFromItsLastWriteAndItsReadUntilAcknowledged() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IntakeMetrics metrics = new IntakeMetrics(registry, "orders");
        Instant started = Instant.parse("2026-12-06T10:00:00Z");
        metrics.timed(Optional.of(started.minusMillis(180)), started, started.plusMillis(40));
        metrics.timed(Optional.empty(), started, started.plusMillis(60)); // an S3 object: no write time known
        metrics.timed(Optional.of(started.plusMillis(5)), started, started.plusMillis(10)); // a clock a little off

        var wait = registry.get("chief.intake.file.wait").tag("inbox", "orders").timer();
        assertThat(wait.count()).isEqualTo(2);
        assertThat(wait.max(TimeUnit.MILLISECONDS)).isEqualTo(180.0);
        assertThat(wait.totalTime(TimeUnit.MILLISECONDS)).as("a write after the start counts as no wait").isEqualTo(180.0);
        var duration = registry.get("chief.intake.file.duration").tag("inbox", "orders").timer();
        assertThat(duration.count()).isEqualTo(3);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(110.0);
    }
}
