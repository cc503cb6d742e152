package com.chief.config;

import com.chief.intake.FileIntake;
import com.chief.intake.IntakeFileLocks;
import com.chief.intake.IntakeFolders;
import com.chief.intake.IntakeMetrics;
import com.chief.intake.IntakeRetries;
import com.chief.intake.JobResultParser;
import com.chief.intake.OrderParser;
import com.chief.intake.RecordParser;
import com.chief.intake.S3Inbox;
import com.chief.intake.S3Intake;
import com.chief.intake.S3ObjectLocks;
import com.chief.kinesis.RecordProducer;
import com.chief.model.Factories;
import com.chief.model.ReferenceData;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The intake of each drop folder (orders, job results), bound for the {@code intake} route template,
 * and of each S3 inbox that is configured ({@code <beans>S3}, for the {@code s3-intake} template): the
 * same parser, producer, stream, rejects folder and metrics name suffixed {@code -s3}, with its own
 * retries and its own lock rows (keyed by bucket and object key).
 */
public final class IntakeBeans {

    private IntakeBeans() {
    }

    public static void bind(CamelContext context, ChiefSettings settings, ReferenceData reference, Factories factories,
            RecordProducer producer, DataSource dataSource, MeterRegistry meters) throws Exception {
        // the drop folders exist as soon as Chief reports healthy, not only once the intake routes have started
        Files.createDirectories(settings.intake().ordersDir());
        Files.createDirectories(settings.intake().jobResultsDir());
        Clock clock = Clock.systemUTC();
        Inbox orders = new Inbox("orderIntake", "orders", settings.kinesis().ordersStream(), settings.intake().ordersS3());
        Inbox jobResults = new Inbox("jobResultIntake", "job-results", settings.kinesis().jobResultsStream(),
                settings.intake().jobResultsS3());
        bind(context, orders, new OrderParser(reference, clock), settings, producer, dataSource, meters, clock);
        bind(context, jobResults, new JobResultParser(factories, clock), settings, producer, dataSource, meters, clock);
    }

    /** A drop folder: the prefix of its beans' names, its name in logs, metrics and locks, its stream. */
    private record Inbox(String beans, String name, String stream, Optional<S3Inbox> s3) {
    }

    private static void bind(CamelContext context, Inbox inbox, RecordParser parser, ChiefSettings settings,
            RecordProducer producer, DataSource dataSource, MeterRegistry meters, Clock clock) throws Exception {
        ChiefSettings.Intake intake = settings.intake();
        IntakeFolders folders = new IntakeFolders(intake.archiveDir(), intake.errorDir(), intake.rejectedDir(), clock);
        bindIntake(context, inbox.beans(), inbox.name(), inbox.name(), parser, settings, producer, inbox.stream(), folders,
                dataSource, meters, clock, null);
        if (inbox.s3().isPresent()) {
            S3Inbox s3 = inbox.s3().get();
            S3Client client = context.getRegistry().lookupByNameAndType("s3Client", S3Client.class);
            if (client == null) {
                throw new IllegalStateException("an S3 inbox (" + s3 + ") needs the s3Client bean");
            }
            // lock rows per bucket (processorName is VARCHAR(64)): the consumer keys them by object key
            String lockName = "s3-" + s3.bucket().substring(0, Math.min(s3.bucket().length(), 50));
            bindIntake(context, inbox.beans() + "S3", inbox.name() + "-s3", lockName, parser, settings, producer,
                    inbox.stream(), folders, dataSource, meters, clock, new S3Target(client, s3));
        }
    }

    private record S3Target(S3Client client, S3Inbox inbox) {
    }

    private static void bindIntake(CamelContext context, String beans, String name, String lockName, RecordParser parser,
            ChiefSettings settings, RecordProducer producer, String stream, IntakeFolders folders, DataSource dataSource,
            MeterRegistry meters, Clock clock, S3Target s3) throws Exception {
        ChiefSettings.Intake intake = settings.intake();
        ChiefSettings.Producer kpl = settings.producer();
        IntakeRetries retries = new IntakeRetries(intake.maxAttempts(), Duration.ofMillis(intake.retryDelayMs()), clock);
        // every attempt the KPL may make within its record TTL, Chief's own re-sends, and a margin
        Duration ackTimeout = Duration.ofMillis(kpl.recordTtlMs() * kpl.maxAttempts()).plusSeconds(60);
        FileIntake fileIntake = new FileIntake(name, parser, producer, stream, folders, retries, new IntakeMetrics(meters, name),
                intake.maxRecordChars(), ackTimeout);
        IntakeFileLocks locks = new IntakeFileLocks(dataSource, lockName, Duration.ofMillis(intake.lockExpiryMs()), context);
        context.addService(locks, true, true); // renews its locks from start to stop
        context.getRegistry().bind(beans, s3 == null ? fileIntake : new S3Intake(fileIntake, s3.client(), s3.inbox(), retries));
        context.getRegistry().bind(beans + "Retries", retries);
        // an S3 inbox's consumer gets the same rows, checked against the object (S3ObjectLocks says why)
        context.getRegistry().bind(beans + "Locks", s3 == null ? locks : new S3ObjectLocks(locks, s3.client(), s3.inbox().bucket()));
    }
}
