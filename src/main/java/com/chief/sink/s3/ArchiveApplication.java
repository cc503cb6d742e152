package com.chief.sink.s3;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DedupeKeys;
import com.chief.consume.UserRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The two archive applications, one per stream: each writes its records under its own key prefix
 * ({@link ArchiveLayout}) through the {@code archive-put} route ({@link ArchiveRoutes}), drops
 * repeats by its dedupe key, and counts the objects and records it wrote.
 */
public enum ArchiveApplication {

    ORDERS("order-archive", ConsumedStream.ORDERS, ArchiveLayout.ORDERS, DedupeKeys::order),
    JOB_RESULTS("jobresult-archive", ConsumedStream.JOB_RESULTS, ArchiveLayout.JOB_RESULTS, DedupeKeys::jobResult);

    /** The endpoint that stores one {@link ArchiveObject} ({@link ArchiveRoutes}); the wiring's {@code put} sends there. */
    public static final String PUT_ENDPOINT = "direct:archive-put";

    private final String application;
    private final ConsumedStream stream;
    private final String prefix;
    private final Function<UserRecord, String> dedupeKey;

    ArchiveApplication(String application, ConsumedStream stream, String prefix, Function<UserRecord, String> dedupeKey) {
        this.application = application;
        this.stream = stream;
        this.prefix = prefix;
        this.dedupeKey = dedupeKey;
    }

    public String application() {
        return application;
    }

    /** {@code put} stores one object (through the archive-put route) and throws if it could not. */
    public ConsumingApplication create(S3ArchiveWriter.FlushPolicy policy, boolean gzip, BatchDeduplicator dedupe,
            Consumer<ArchiveObject> put, LateArchiveHours lateHours, MeterRegistry meters) {
        Counter objects = Counter.builder("chief.archive.objects").tag("application", application)
                .description("Archive objects written").register(meters);
        Counter records = Counter.builder("chief.archive.records").tag("application", application)
                .description("Records written to the archive").register(meters);
        return new ConsumingApplication(application, stream, new S3ArchiveWriter(application, prefix, policy, gzip, dedupe,
                dedupeKey, object -> {
                    put.accept(object);
                    objects.increment();
                    records.increment(object.records());
                }, lateHours));
    }
}
