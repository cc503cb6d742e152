package com.chief.config;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.CheckpointStore;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumerApplications;
import com.chief.consume.ConsumerEngines;
import com.chief.consume.ConsumerMetrics;
import com.chief.consume.RouteHolds;
import com.chief.consume.RoutesHealthCheck;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.KclClients;
import com.chief.kinesis.RecordProducer;
import com.chief.ops.DeadLetterReplay;
import com.chief.ops.DeadLetterShelf;
import com.chief.model.ReferenceData;
import com.chief.sink.FinalStatuses;
import com.chief.sink.OneFinalStatus;
import com.chief.sink.notify.NotifyApplication;
import com.chief.sink.notify.OutboxChannel;
import com.chief.sink.s3.ArchiveApplication;
import com.chief.sink.s3.ArchiveObject;
import com.chief.sink.s3.LateArchiveHours;
import com.chief.sink.s3.S3ArchiveWriter;
import com.chief.sink.search.CountedBulk;
import com.chief.sink.search.IndexedFiles;
import com.chief.sink.search.OperationsIndex;
import com.chief.sink.search.SearchApplication;
import com.chief.sink.search.SearchDocuments;
import com.chief.sink.search.SearchIndexWriter;
import com.chief.sink.search.SearchRefusals;
import com.chief.tailor.JobResultOutbox;
import com.chief.tailor.JobResultRelay;
import com.chief.tailor.JobStore;
import com.chief.tailor.OrderFactoryApplication;
import com.chief.tailor.SimulatedRoboTailor;
import com.chief.tailor.Workshop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The consuming applications, each declared by its own package, and what they share: checkpoints,
 * dedupe, dead letters; plus the robo-tailors the order-factory application feeds.
 */
final class ProcessingBeans {

    private ProcessingBeans() {
    }

    /** Returns which route holds which application, for the status page. */
    static RouteHolds bind(CamelContext context, ChiefSettings settings, KinesisClient kinesis, DataSource dataSource,
            RecordProducer producer, ReferenceData reference, SearchRefusals searchRefusals, MeterRegistry meters)
            throws Exception {
        ChiefSettings.Consumers consumers = settings.consumers();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "chief-tailor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // a kept promise's watch leaves the queue at once, not at its due time

        BatchDeduplicator dedupe = new BatchDeduplicator(dataSource); // its ids are forgotten by the retention purge
        DeadLetters deadLetters = new DeadLetters(consumers.deadLetterDir(), meters);
        Workshop workshop = bindWorkshop(context, settings, dataSource, producer, reference, scheduler, meters);

        RouteCalls calls = new RouteCalls(context);
        ChiefSettings.S3 s3 = settings.s3();
        S3ArchiveWriter.FlushPolicy flush = new S3ArchiveWriter.FlushPolicy(s3.archiveMaxRecords(), s3.archiveMaxBytes(),
                Duration.ofMillis(s3.archiveMaxAgeMs()));
        LateArchiveHours lateHours = new LateArchiveHours(dataSource);
        ChiefSettings.Search search = settings.search();
        SearchDocuments documents = new SearchDocuments(search.ordersIndex(), search.jobStatusIndex(),
                search.jobHistoryIndex(), search.indexDatePattern());
        SearchIndexWriter.Bulk bulk = search.engine().bulk(body -> calls.template().requestBody(SearchApplication.BULK_ENDPOINT,
                body, List.class));
        bindOperationsIndex(context, settings, bulk, meters);
        ChiefSettings.Notify notify = settings.notifications();
        Consumer<ArchiveObject> archivePut = object -> calls.template().requestBody(ArchiveApplication.PUT_ENDPOINT, object);

        FinalStatuses finalStatuses = new FinalStatuses(dataSource);
        // the local outbox is written directly (no exchange per message); the other channels go through the Kamelet
        Consumer<com.chief.sink.notify.Notification> notifyChannel = notify.channel().equals("outbox")
                ? new OutboxChannel(notify.outboxDir())
                : message -> calls.template().requestBodyAndHeaders(NotifyApplication.SEND_ENDPOINT, message.eml(), message.headers());
        // what a rebuild or repair from the archive writes through (OpsBeans): the live writers' parts
        Registry registry = context.getRegistry();
        registry.bind("searchDocuments", documents);
        registry.bind("searchBulk", bulk);
        registry.bind("deadLetters", deadLetters);
        registry.bind("finalStatuses", finalStatuses);
        registry.bind("notificationChannel", notifyChannel);
        List<ConsumingApplication> applications = Stream.of(
                OrderFactoryApplication.create(context, workshop, dedupe, deadLetters, meters),
                ArchiveApplication.ORDERS.create(flush, s3.archiveGzip(), dedupe, archivePut, lateHours, meters),
                ArchiveApplication.JOB_RESULTS.create(flush, s3.archiveGzip(), dedupe, archivePut, lateHours, meters),
                SearchApplication.ORDERS.create(documents, bulk, dedupe, deadLetters, searchRefusals,
                        search.retryDuration(), meters),
                SearchApplication.JOB_RESULTS.create(documents, bulk, dedupe, deadLetters, searchRefusals,
                        search.retryDuration(), meters),
                NotifyApplication.create(dataSource, notify.templatesDir(), notify.from(),
                        notifyChannel,
                        deadLetters, meters, notify.attempts(), Duration.ofMillis(notify.retryDelayMs()),
                        notify.retryDuration()))
                // every job-result application: one final status per order, the first recorded
                .map(application -> OneFinalStatus.guard(application, finalStatuses, deadLetters, meters))
                .toList();

        // the operations API replays dead letters through the same handlers, guards and dedupe
        DeadLetterShelf shelf = new DeadLetterShelf(deadLetters.dir());
        context.getRegistry().bind("deadLetterShelf", shelf);
        context.getRegistry().bind("deadLetterReplay", new DeadLetterReplay(shelf, deadLetters, applications));

        CheckpointStore checkpoints = new CheckpointStore(dataSource);
        ConsumerMetrics consumerMetrics = new ConsumerMetrics(meters);
        ConsumerEngines engines = new ConsumerEngines(settings.engine(), kclClients(settings), kinesis, dataSource, checkpoints,
                deadLetters, consumerMetrics);
        context.addService(engines, true, false); // stops after the applications: it closes the KCL clients
        HealthCheckRegistry.get(context).register(engines.healthCheck());
        RouteHolds routeHolds = new RouteHolds(context, consumerMetrics.routeWaits());
        HealthCheckRegistry.get(context).register(new RoutesHealthCheck(routeHolds));
        ConsumerApplications running = new ConsumerApplications(applications, consumers.applications(),
                application -> engines.consumer(consumer(settings, application), application.handler()));
        context.addStartupListener(running);
        context.addService(running, true, false);
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                scheduler.shutdownNow();
            }
        }, true, false);
        return routeHolds;
    }

    /** The robo-tailors: jobs, the simulated robots, and the relay of their results to the job-results stream. */
    private static Workshop bindWorkshop(CamelContext context, ChiefSettings settings, DataSource dataSource,
            RecordProducer producer, ReferenceData reference, ScheduledExecutorService scheduler, MeterRegistry meters)
            throws Exception {
        ChiefSettings.Tailor tailor = settings.tailor();
        Duration promise = Duration.ofMillis((long) (tailor.promiseHours() * 3_600_000 / tailor.speedFactor()));
        JobResultRelay relay = new JobResultRelay(new JobResultOutbox(dataSource), producer, settings.kinesis().jobResultsStream(),
                scheduler, JobResultRelay.RESEND_PAUSE);
        Workshop workshop = new Workshop(reference, new JobStore(dataSource),
                new SimulatedRoboTailor(scheduler, tailor.speedFactor(), tailor.failureRate(), tailor.seed()),
                relay, promise, tailor.maxJobsInFlight(), scheduler, meters, tailor.operationsOutbox());
        context.getRegistry().bind("workshop", workshop);
        context.addService(workshop, true, false);
        return workshop;
    }

    /** Rejects and SLA breach files into search (not a consuming application: it reads files). */
    private static void bindOperationsIndex(CamelContext context, ChiefSettings settings, SearchIndexWriter.Bulk bulk,
            MeterRegistry meters) throws Exception {
        Registry registry = context.getRegistry();
        registry.bind("operationsIndex", new OperationsIndex(CountedBulk.of(bulk, "operations-index", meters), "chief-rejects",
                "chief-sla-breaches", settings.search().indexDatePattern()));
        IndexedFiles indexed = new IndexedFiles(settings.dataDir().resolve("indexed-files.txt"),
                List.of(settings.intake().rejectedDir(), settings.tailor().operationsOutbox()));
        registry.bind("operationsIndexed", indexed);
        context.addService(indexed, true, false);
    }

    /** The KCL engine's clients, built from the settings here so that consume does not read them. */
    private static KclClients kclClients(ChiefSettings settings) {
        return new KclClients() {
            @Override
            public KinesisAsyncClient kinesisAsync(boolean fanOut) {
                return AwsClients.kinesisAsync(settings, fanOut);
            }

            @Override
            public DynamoDbAsyncClient dynamoDb() {
                return AwsClients.dynamoDb(settings);
            }

            @Override
            public CloudWatchAsyncClient cloudWatch() {
                return AwsClients.cloudWatch(settings);
            }
        };
    }

    private static ConsumerSettings consumer(ChiefSettings settings, ConsumingApplication application) {
        ChiefSettings.Consumers consumers = settings.consumers();
        ChiefSettings.Kinesis kinesis = settings.kinesis();
        String stream = application.stream() == ConsumedStream.ORDERS ? kinesis.ordersStream() : kinesis.jobResultsStream();
        return new ConsumerSettings(application.name(), stream, ShardIteratorType.fromValue(consumers.startAt()),
                kinesis.pollMaxRecords(), Duration.ofMillis(SearchApplication.named(application.name()).isPresent()
                        ? kinesis.searchPollDelayMs() : kinesis.pollDelayMs()),
                consumers.batchSize(), Duration.ofMillis(consumers.maxBackoffMs()), consumers.poisonAttempts());
    }
}
