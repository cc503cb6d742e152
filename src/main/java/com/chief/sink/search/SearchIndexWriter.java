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
        List<BulkItemResult> send(List<IndexAction> actions) throws Exception;
    }

    /** The operations one record becomes. */
    public interface Documents {
        List<IndexAction> of(UserRecord record) throws Exception;
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
        List<IndexAction> actions = new ArrayList<>();
        List<UserRecord> owners = new ArrayList<>();
        for (UserRecord record : fresh) {
            try {
                for (IndexAction action : documents.of(record)) {
                    actions.add(action);
                    owners.add(record);
                }
            } catch (Exception e) {
                deadLetters.write(application, record, "cannot be indexed: " + e.getMessage());
            }
        }
        if (!actions.isEmpty()) {
            List<BulkItemResult> items = bulk.send(actions);
            String retryable = null;
            for (int i = 0; i < items.size(); i++) {
                BulkItemResult item = items.get(i);
                if (!item.failed() || item.versionConflict()) {
                    continue; // indexed, or an older status that must not overwrite a newer one
                }
                if (item.retryable()) {
                    retryable = item.describe();
                } else {
                    deadLetters.write(application, owners.get(i),
                            "rejected by the search engine (" + item.index() + "): " + item.describe());
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
