package com.chief.config;

import com.chief.kinesis.BatchDeduplicator;
import com.chief.kinesis.CamelBatchHandler;
import com.chief.kinesis.CheckpointStore;
import com.chief.kinesis.ConsumerApplications;
import com.chief.kinesis.ConsumerMetrics;
import com.chief.kinesis.ConsumerSettings;
import com.chief.kinesis.DeadLetters;
import com.chief.kinesis.DedupeKeys;
import com.chief.kinesis.PollingStreamConsumer;
import com.chief.kinesis.RecordProducer;
import com.chief.kinesis.UserRecord;
import com.chief.model.ReferenceData;
import com.chief.sink.notify.NotificationTemplates;
import com.chief.sink.notify.NotificationWriter;
import com.chief.sink.s3.S3ArchiveWriter;
import com.chief.sink.search.BulkItemResult;
import com.chief.sink.search.OperationsIndex;
import com.chief.sink.search.SearchDocuments;
import com.chief.sink.search.SearchIndexWriter;
import java.util.List;
import com.chief.tailor.JobStore;
import com.chief.tailor.OrderBatches;
import com.chief.tailor.SimulatedRoboTailor;
import com.chief.tailor.Workshop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The consuming applications and what they work with: checkpoints, dedupe, dead letters, the robo-tailors. */
final class ProcessingBeans {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingBeans.class);

    private ProcessingBeans() {
    }

    static void bind(CamelContext context, ChiefSettings settings, KinesisClient kinesis, DataSource dataSource,
            RecordProducer producer, ReferenceData reference, MeterRegistry meters) throws Exception {
        Registry registry = context.getRegistry();
        ChiefSettings.Consumers consumers = settings.consumers();
        ChiefSettings.Tailor tailor = settings.tailor();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "chief-tailor");
            thread.setDaemon(true);
            return thread;
        });

        BatchDeduplicator dedupe = new BatchDeduplicator(dataSource);
        Duration retention = Duration.ofDays(consumers.dedupeRetentionDays());
        scheduler.scheduleWithFixedDelay(() -> purge(dedupe, retention), 1, 60, TimeUnit.MINUTES);
        DeadLetters deadLetters = new DeadLetters(consumers.deadLetterDir(), meters);
        registry.bind("orderBatches", new OrderBatches(dedupe, deadLetters, meters));

        Duration promise = Duration.ofMillis((long) (tailor.promiseHours() * 3_600_000 / tailor.speedFactor()));
        Workshop workshop = new Workshop(reference, new JobStore(dataSource),
                new SimulatedRoboTailor(scheduler, tailor.speedFactor(), tailor.failureRate(), System.nanoTime()),
                producer, settings.kinesis().jobResultsStream(), promise, scheduler, meters, tailor.operationsOutbox());
        registry.bind("workshop", workshop);
        context.addService(workshop, true, false);

        CheckpointStore checkpoints = new CheckpointStore(dataSource);
        ConsumerMetrics consumerMetrics = new ConsumerMetrics(meters);
        ConsumerApplications applications = new ConsumerApplications(consumers.applications());
        applications.add(new PollingStreamConsumer(consumer(settings, "order-factory", settings.kinesis().ordersStream()),
                kinesis, checkpoints, new CamelBatchHandler(context, "direct:order-factory"), consumerMetrics));
        applications.add(new PollingStreamConsumer(consumer(settings, "order-archive", settings.kinesis().ordersStream()),
                kinesis, checkpoints, archive(context, settings, "order-archive", "orders", dedupe, DedupeKeys::order, meters),
                consumerMetrics));
        applications.add(new PollingStreamConsumer(consumer(settings, "jobresult-archive", settings.kinesis().jobResultsStream()),
                kinesis, checkpoints, archive(context, settings, "jobresult-archive", "job-results", dedupe, DedupeKeys::jobResult,
                        meters),
                consumerMetrics));
        ChiefSettings.Search search = settings.search();
        SearchDocuments documents = new SearchDocuments(search.ordersIndex(), search.jobStatusIndex(),
                search.jobHistoryIndex(), search.indexDatePattern());
        RouteCalls searchCalls = new RouteCalls(context);
        SearchIndexWriter.Bulk bulk = search.engine().bulk(body -> searchCalls.template().requestBody("direct:search-bulk",
                body, List.class));
        registry.bind("operationsIndex", new OperationsIndex(counted(bulk, "operations-index", meters), "chief-rejects",
                "chief-sla-breaches", search.indexDatePattern()));
        registry.bind("operationsIndexed", FileIdempotentRepository.fileIdempotentRepository(
                settings.dataDir().resolve("indexed-files.txt").toFile(), 100_000)); // rejects and SLA files already in search
        applications.add(new PollingStreamConsumer(consumer(settings, "order-search", settings.kinesis().ordersStream()),
                kinesis, checkpoints, new SearchIndexWriter("order-search", dedupe, DedupeKeys::order, documents::order,
                        counted(bulk, "order-search", meters), deadLetters), consumerMetrics));
        applications.add(new PollingStreamConsumer(consumer(settings, "jobresult-search", settings.kinesis().jobResultsStream()),
                kinesis, checkpoints, new SearchIndexWriter("jobresult-search", dedupe, DedupeKeys::jobResult,
                        documents::jobResult, counted(bulk, "jobresult-search", meters), deadLetters), consumerMetrics));
        applications.add(new PollingStreamConsumer(consumer(settings, "jobresult-notify", settings.kinesis().jobResultsStream()),
                kinesis, checkpoints, notifications(context, settings, dedupe, deadLetters, meters), consumerMetrics));
        context.addStartupListener(applications);
        context.addService(applications, true, false);
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                scheduler.shutdownNow();
            }
        }, true, false);
    }

    private static S3ArchiveWriter archive(CamelContext context, ChiefSettings settings, String application, String prefix,
            BatchDeduplicator dedupe, java.util.function.Function<UserRecord, String> key, MeterRegistry meters) {
        ChiefSettings.S3 s3 = settings.s3();
        RouteCalls calls = new RouteCalls(context);
        Counter objects = Counter.builder("chief.archive.objects").tag("application", application)
                .description("Archive objects written").register(meters);
        Counter records = Counter.builder("chief.archive.records").tag("application", application)
                .description("Records written to the archive").register(meters);
        return new S3ArchiveWriter(application, prefix, new S3ArchiveWriter.FlushPolicy(s3.archiveMaxRecords(),
                s3.archiveMaxBytes(), Duration.ofMillis(s3.archiveMaxAgeMs())), s3.archiveGzip(), dedupe, key,
                object -> {
                    calls.template().requestBody("direct:archive-put", object);
                    objects.increment();
                    records.increment(object.records());
                });
    }

    /** Counts each bulk item's outcome per writer: indexed, older-status (refused version), retry, rejected. */
    private static SearchIndexWriter.Bulk counted(SearchIndexWriter.Bulk bulk, String writer, MeterRegistry meters) {
        java.util.Map<String, Counter> byOutcome = new java.util.HashMap<>();
        for (String outcome : List.of("indexed", "older-status", "retry", "rejected")) {
            byOutcome.put(outcome, Counter.builder("chief.search.items").tag("writer", writer).tag("outcome", outcome)
                    .description("Search bulk items by outcome").register(meters));
        }
        return actions -> {
            List<BulkItemResult> items = bulk.send(actions);
            for (BulkItemResult item : items) {
                byOutcome.get(!item.failed() ? "indexed" : item.versionConflict() ? "older-status"
                        : item.retryable() ? "retry" : "rejected").increment();
            }
            return items;
        };
    }

    private static NotificationWriter notifications(CamelContext context, ChiefSettings settings, BatchDeduplicator dedupe,
            DeadLetters deadLetters, MeterRegistry meters) {
        ChiefSettings.Notify notify = settings.notifications();
        RouteCalls calls = new RouteCalls(context);
        return new NotificationWriter(dedupe, new NotificationTemplates(notify.templatesDir(), notify.from()),
                message -> calls.template().requestBodyAndHeaders("direct:notify", message.eml(), message.headers()),
                deadLetters, meters, notify.attempts(), Duration.ofMillis(notify.retryDelayMs()));
    }

    private static ConsumerSettings consumer(ChiefSettings settings, String application, String stream) {
        ChiefSettings.Consumers consumers = settings.consumers();
        return new ConsumerSettings(application, stream, ShardIteratorType.fromValue(consumers.startAt()),
                settings.kinesis().pollMaxRecords(), Duration.ofMillis(settings.kinesis().pollDelayMs()),
                consumers.batchSize(), Duration.ofMillis(consumers.maxBackoffMs()));
    }

    private static void purge(BatchDeduplicator dedupe, Duration retention) {
        try {
            int purged = dedupe.purge(retention);
            if (purged > 0) {
                LOG.info("Dedupe: forgot {} ids older than {} days", purged, retention.toDays());
            }
        } catch (Exception e) {
            LOG.warn("Dedupe purge failed: {}", e.getMessage());
        }
    }
}
