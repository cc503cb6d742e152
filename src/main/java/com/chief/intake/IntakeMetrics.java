package com.chief.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Intake counters per inbox: records read / produced / rejected (by reason) / failed, and files by outcome. */
public final class IntakeMetrics {

    private final MeterRegistry registry;
    private final String inbox;

    public IntakeMetrics(MeterRegistry registry, String inbox) {
        this.registry = registry;
        this.inbox = inbox;
    }

    void records(String outcome, long count) {
        if (count > 0) {
            Counter.builder("chief.intake.records").tag("inbox", inbox).tag("outcome", outcome)
                    .description("Records read from drop folders, by outcome").register(registry).increment(count);
        }
    }

    void rejected(RejectReason reason) {
        Counter.builder("chief.intake.rejects").tag("inbox", inbox).tag("reason", reason.name())
                .description("Rejected records by reason").register(registry).increment();
    }

    /**
     * A file's time in the intake: from when it was last written to its read starting ({@code wait}: the scan,
     * the quiet time, the read lock, a free worker), and from there until Kinesis acknowledged its last record.
     */
    void timed(Optional<Instant> writtenAt, Instant started, Instant acknowledged) {
        writtenAt.ifPresent(written -> timer("chief.intake.file.wait", "From a file's last write to its read starting")
                .record(written.isAfter(started) ? Duration.ZERO : Duration.between(written, started)));
        timer("chief.intake.file.duration", "From a file's read starting to Kinesis having acknowledged its records")
                .record(Duration.between(started, acknowledged));
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).tag("inbox", inbox).description(description).publishPercentiles(0.5, 0.99).register(registry);
    }

    void file(String outcome) {
        Counter.builder("chief.intake.files").tag("inbox", inbox).tag("outcome", outcome)
                .description("Intake files by outcome").register(registry).increment();
    }
}
