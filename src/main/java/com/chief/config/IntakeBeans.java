package com.chief.config;

import com.chief.intake.FileIntake;
import com.chief.intake.IntakeFolders;
import com.chief.intake.IntakeMetrics;
import com.chief.intake.IntakeRetries;
import com.chief.intake.JobResultParser;
import com.chief.intake.OrderParser;
import com.chief.intake.RecordParser;
import com.chief.kinesis.RecordProducer;
import com.chief.model.ReferenceData;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.spi.Registry;

/** The intake of each drop folder (orders, job results), bound for the {@code intake} route template. */
final class IntakeBeans {

    private IntakeBeans() {
    }

    static void bind(Registry registry, ChiefSettings settings, ReferenceData reference, RecordProducer producer,
            MeterRegistry meters) throws IOException {
        // the drop folders exist as soon as Chief reports healthy, not only once the intake routes have started
        Files.createDirectories(settings.intake().ordersDir());
        Files.createDirectories(settings.intake().jobResultsDir());
        Clock clock = Clock.systemUTC();
        bind(registry, "orderIntake", "orders", new OrderParser(reference, clock), settings.kinesis().ordersStream(),
                settings, producer, meters, clock);
        bind(registry, "jobResultIntake", "job-results", new JobResultParser(reference, clock),
                settings.kinesis().jobResultsStream(), settings, producer, meters, clock);
    }

    private static void bind(Registry registry, String name, String inbox, RecordParser parser, String stream,
            ChiefSettings settings, RecordProducer producer, MeterRegistry meters, Clock clock) {
        ChiefSettings.Intake intake = settings.intake();
        ChiefSettings.Producer kpl = settings.producer();
        IntakeRetries retries = new IntakeRetries(intake.maxAttempts(), Duration.ofMillis(intake.retryDelayMs()), clock);
        // every attempt the KPL may make within its record TTL, Chief's own re-sends, and a margin
        Duration ackTimeout = Duration.ofMillis(kpl.recordTtlMs() * kpl.maxAttempts()).plusSeconds(60);
        FileIntake fileIntake = new FileIntake(inbox, parser, producer, stream,
                new IntakeFolders(intake.archiveDir(), intake.errorDir(), intake.rejectedDir(), clock),
                retries, new IntakeMetrics(meters, inbox), intake.maxRecordChars(), ackTimeout);
        registry.bind(name, fileIntake);
        registry.bind(name + "Retries", retries);
    }
}
