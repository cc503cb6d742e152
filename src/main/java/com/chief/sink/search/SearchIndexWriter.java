package com.chief.sink.search;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A search application's handler: one bulk request per batch, and every item's result checked. A
 * version conflict on the current-status index is the status refusing to go backwards (fine); a
 * document's own data error (a mapping or validation error) sets that record aside as a dead letter
 * with the reason, and the rest of the batch is indexed. Any other refusal is the engine's (no
 * permission, no index, a write block, throttling, a server error): the batch fails with
 * {@link SystemUnavailableException}, so the checkpoint holds and the batch is offered again
 * (writes are idempotent by {@code _id}), and the refusal shows in search's health meanwhile.
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
    private final SearchRefusals refusals;

    public SearchIndexWriter(String application, BatchDeduplicator dedupe, Function<UserRecord, String> dedupeKey,
            Documents documents, Bulk bulk, DeadLetters deadLetters, SearchRefusals refusals) {
        this.application = application;
        this.dedupe = dedupe;
        this.dedupeKey = dedupeKey;
        this.documents = documents;
        this.bulk = bulk;
        this.deadLetters = deadLetters;
        this.refusals = refusals;
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
            for (BulkItemResult item : items) {
                if (item.refusedByEngine()) { // before any dead letter: the whole batch comes again
                    String reason = "search engine refuses items (" + item.index() + "): " + item.describe();
                    refusals.refused(application, reason);
                    throw new SystemUnavailableException(reason);
                }
            }
            refusals.accepted(application);
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).dataError()) {
                    deadLetters.write(application, owners.get(i),
                            "rejected by the search engine (" + items.get(i).index() + "): " + items.get(i).describe());
                }
            }
        }
        dedupe.remember(application, fresh.stream().map(dedupeKey).toList());
        return batch.last();
    }
}
