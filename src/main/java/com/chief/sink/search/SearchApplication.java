package com.chief.sink.search;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.UserRecord;
import io.micrometer.core.instrument.MeterRegistry;
import com.chief.sink.RetryDuration;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two search applications, one per stream: each turns its records into documents
 * ({@link SearchDocuments}), drops repeats by its dedupe key, and sends one bulk request per batch
 * through the {@code search-bulk} route ({@link SearchRoutes}), counting every item's outcome.
 */
public enum SearchApplication {

    ORDERS("order-search", ConsumedStream.ORDERS, DedupeKeys::order, SearchDocuments::order),
    JOB_RESULTS("jobresult-search", ConsumedStream.JOB_RESULTS, DedupeKeys::jobResult, SearchDocuments::jobResult);

    /** The endpoint every bulk request goes to ({@link SearchRoutes}); the wiring sends the writers' bulks there. */
    public static final String BULK_ENDPOINT = "direct:search-bulk";

    /** What one record becomes, given the index names. */
    private interface DocumentsOf {
        List<IndexAction> of(SearchDocuments documents, UserRecord record) throws Exception;
    }

    private final String application;
    private final ConsumedStream stream;
    private final Function<UserRecord, String> dedupeKey;
    private final DocumentsOf documentsOf;

    SearchApplication(String application, ConsumedStream stream, Function<UserRecord, String> dedupeKey,
            DocumentsOf documentsOf) {
        this.application = application;
        this.stream = stream;
        this.dedupeKey = dedupeKey;
        this.documentsOf = documentsOf;
    }

    public String application() {
        return application;
    }

    /** The search application of this name, if it is one. */
    public static Optional<SearchApplication> named(String name) {
        return Arrays.stream(values()).filter(search -> search.application.equals(name)).findFirst();
    }

    public ConsumingApplication create(SearchDocuments documents, SearchIndexWriter.Bulk bulk, BatchDeduplicator dedupe,
            DeadLetters deadLetters, SearchRefusals refusals, Duration retryDuration, MeterRegistry meters) {
        return new ConsumingApplication(application, stream, new SearchIndexWriter(application, dedupe, dedupeKey,
                record -> documentsOf.of(documents, record), CountedBulk.of(bulk, application, meters), deadLetters,
                refusals, new RetryDuration(application, retryDuration, meters)));
    }
}
