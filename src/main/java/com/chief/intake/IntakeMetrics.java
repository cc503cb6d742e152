package com.chief.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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

    void file(String outcome) {
        Counter.builder("chief.intake.files").tag("inbox", inbox).tag("outcome", outcome)
                .description("Intake files by outcome").register(registry).increment();
    }
}
