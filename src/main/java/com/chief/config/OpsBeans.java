package com.chief.config;

import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.SeenRecords;
import com.chief.ops.ArchiveReader;
import com.chief.ops.DeadLetterShelf;
import com.chief.ops.OrderTrace;
import com.chief.ops.Rebuild;
import com.chief.ops.ReconcileSettings;
import com.chief.ops.Reconciliation;
import com.chief.ops.Redrive;
import com.chief.sink.FinalStatuses;
import com.chief.sink.OneFinalStatus;
import com.chief.sink.RetryDuration;
import com.chief.sink.aurora.ObjectLoader;
import com.chief.sink.notify.Notification;
import com.chief.sink.notify.NotificationTemplates;
import com.chief.sink.notify.NotificationWriter;
import com.chief.sink.notify.NotifyApplication;
import com.chief.sink.notify.SentNotifications;
import com.chief.sink.search.SearchApplication;
import com.chief.sink.search.SearchDocuments;
import com.chief.sink.search.SearchIndexWriter;
import com.chief.sink.search.SearchLookup;
import com.chief.sink.search.SearchRefusals;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The day-2 operations on the archive: rebuild and reconciliation ({@code ops/}), writing through the
 * live writers' parts that {@link ProcessingBeans} bound, and the clients built here in config.
 */
final class OpsBeans {

    private OpsBeans() {
    }

    @SuppressWarnings("unchecked")
    static void bind(CamelContext context, ChiefSettings settings, S3Client s3, DataSource dataSource, Object searchClient,
            ObjectLoader loader, SearchRefusals refusals, MeterRegistry meters) {
        Registry registry = context.getRegistry();
        SearchDocuments documents = registry.lookupByNameAndType("searchDocuments", SearchDocuments.class);
        SearchIndexWriter.Bulk bulk = registry.lookupByNameAndType("searchBulk", SearchIndexWriter.Bulk.class);
        DeadLetters deadLetters = registry.lookupByNameAndType("deadLetters", DeadLetters.class);
        FinalStatuses finalStatuses = registry.lookupByNameAndType("finalStatuses", FinalStatuses.class);
        Consumer<Notification> channel = registry.lookupByNameAndType("notificationChannel", Consumer.class);
        ChiefSettings.Search search = settings.search();
        ChiefSettings.Notify notify = settings.notifications();

        Redrive.Writers writers = new Redrive.Writers(
                () -> new SearchIndexWriter(SearchApplication.ORDERS.application(), SeenRecords.NONE, DedupeKeys::order,
                        documents::order, bulk, deadLetters, refusals,
                        new RetryDuration(SearchApplication.ORDERS.application(), search.retryDuration(), meters)),
                () -> new SearchIndexWriter(SearchApplication.JOB_RESULTS.application(), SeenRecords.NONE, DedupeKeys::jobResult,
                        documents::jobResult, bulk, deadLetters, refusals,
                        new RetryDuration(SearchApplication.JOB_RESULTS.application(), search.retryDuration(), meters)),
                () -> OneFinalStatus.guard(new ConsumingApplication(NotifyApplication.NAME, ConsumedStream.JOB_RESULTS,
                        new NotificationWriter(new SentNotifications(dataSource),
                                new NotificationTemplates(notify.templatesDir(), notify.from()), channel, deadLetters, meters,
                                notify.attempts(), Duration.ofMillis(notify.retryDelayMs()), notify.retryDuration())),
                        finalStatuses, deadLetters, meters).handler(),
                loader);
        Duration patience = max(search.retryDuration(), notify.retryDuration()).plusMinutes(1);
        Redrive redrive = new Redrive(writers, patience);
        ArchiveReader archive = new ArchiveReader(s3, settings.s3().bucket());
        SearchLookup lookup = new SearchLookup(SearchLookup.requests(searchClient), search.ordersIndex(), search.jobStatusIndex());
        Clock clock = Clock.systemUTC();
        registry.bind("rebuild", new Rebuild(archive, redrive, clock));
        registry.bind("orderTrace", OrderTrace.create(settings.intake().archiveDir(), settings.intake().rejectedDir(),
                s3, settings.s3().bucket(), search, dataSource, registry.findSingleByType(DeadLetterShelf.class)));
        registry.bind("reconciliation", Reconciliation.of(archive, lookup, dataSource, redrive,
                ReconcileSettings.from(context.getPropertiesComponent()), clock, meters));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
