package com.chief.sink.search;

import com.chief.kinesis.BatchDeduplicator;
import com.chief.kinesis.BatchHandler;
import com.chief.kinesis.Checkpoint;
import com.chief.kinesis.DeadLetters;
import com.chief.kinesis.RecordBatch;
import com.chief.kinesis.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * A search application's handler: one bulk request per batch, and every item's result checked. A
 * version conflict on the current-status index is the status refusing to go backwards (fine);
 * throttling or a server error fails the batch, which is offered again (writes are idempotent by
 * {@code _id}); any other item error (a mapping or validation error) sets that record aside as a
 * dead letter with the reason, and the rest of the batch is indexed.
 */
public final class SearchIndexWriter implements BatchHandler {

    /** Sends one bulk request; returns one result per operation, in order. */
    public interface Bulk {
        List<BulkResponseItem> send(List<BulkOperation> operations) throws Exception;
    }

    /** The operations one record becomes. */
    public interface Documents {
        List<BulkOperation> of(UserRecord record) throws Exception;
    }

    private final String application;
    private final BatchDeduplicator dedupe;
    private final Function<UserRecord, String> dedupeKey;
    private final Documents documents;
    private final Bulk bulk;
    private final DeadLetters deadLetters;

    public SearchIndexWriter(String application, BatchDeduplicator dedupe, Function<UserRecord, String> dedupeKey,
            Documents documents, Bulk bulk, DeadLetters deadLetters) {
        this.application = application;
        this.dedupe = dedupe;
        this.dedupeKey = dedupeKey;
        this.documents = documents;
        this.bulk = bulk;
        this.deadLetters = deadLetters;
    }

    @Override
    public Checkpoint handle(RecordBatch batch) throws Exception {
        List<UserRecord> fresh = dedupe.unseen(application, batch.records(), dedupeKey);
        List<BulkOperation> operations = new ArrayList<>();
        List<UserRecord> owners = new ArrayList<>();
        for (UserRecord record : fresh) {
            try {
                for (BulkOperation operation : documents.of(record)) {
                    operations.add(operation);
                    owners.add(record);
                }
            } catch (Exception e) {
                deadLetters.write(application, record, "cannot be indexed: " + e.getMessage());
            }
        }
        if (!operations.isEmpty()) {
            List<BulkResponseItem> items = bulk.send(operations);
            String retryable = null;
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                if (item.error() == null || item.status() == 409) {
                    continue; // indexed, or an older status that must not overwrite a newer one
                }
                String reason = item.status() + " " + item.error().type() + ": " + item.error().reason();
                if (item.status() == 429 || item.status() >= 500) {
                    retryable = reason;
                } else {
                    deadLetters.write(application, owners.get(i), "rejected by the search engine (" + item.index() + "): " + reason);
                }
            }
            if (retryable != null) {
                throw new IllegalStateException("search engine refused part of a bulk request, retrying: " + retryable);
            }
        }
        dedupe.remember(application, fresh.stream().map(dedupeKey).toList());
        return batch.last();
    }
}
