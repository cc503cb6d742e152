package com.chief.sink.search;

import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.SeenRecords;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import com.chief.sink.HeldForRetry;
import com.chief.sink.RetryDuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A search application's handler: one bulk request per batch, and every item's result checked. A
 * version conflict on the current-status index is the status refusing to go backwards (fine); a
 * document's own data error (a mapping or validation error) sets that record aside as a dead letter
 * with the reason, and the rest of the batch is indexed. Any other refusal is the engine's (no
 * permission, no index, a write block, throttling, a server error) and shows in search's health until a
 * bulk request goes through without one. {@link RetryDuration} decides what it means: an engine that
 * refuses everything it is offered is an outage, and the batch fails with {@link SystemUnavailableException}
 * (the checkpoint holds, the batch is offered again, writes are idempotent by {@code _id}, nothing is
 * set aside); an item refused while other items are indexed (a write-blocked or closed old index) is
 * held for retry ({@link HeldForRetry}: sent again with later bulks, the shard's checkpoint waits for it)
 * and dead-lettered with every reason seen once refused for longer than the retry duration.
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

    /** One operation and the record it comes from. */
    private record Operation(IndexAction action, UserRecord owner) {

        String key() {
            return action.index() + "/" + action.id();
        }
    }

    private final String application;
    private final SeenRecords dedupe;
    private final Function<UserRecord, String> dedupeKey;
    private final Documents documents;
    private final Bulk bulk;
    private final DeadLetters deadLetters;
    private final SearchRefusals refusals;
    private final RetryDuration retries;
    private final HeldForRetry<Operation> held = new HeldForRetry<>();

    public SearchIndexWriter(String application, SeenRecords dedupe, Function<UserRecord, String> dedupeKey,
            Documents documents, Bulk bulk, DeadLetters deadLetters, SearchRefusals refusals, RetryDuration retries) {
        this.application = application;
        this.dedupe = dedupe;
        this.dedupeKey = dedupeKey;
        this.documents = documents;
        this.bulk = bulk;
        this.deadLetters = deadLetters;
        this.refusals = refusals;
        this.retries = retries;
    }

    @Override
    public Checkpoint handle(RecordBatch batch) throws Exception {
        String shard = batch.shardId();
        List<UserRecord> fresh = dedupe.unseen(application, batch.records(), dedupeKey);
        List<Operation> operations = new ArrayList<>();
        for (UserRecord record : fresh) {
            try {
                for (IndexAction action : documents.of(record)) {
                    operations.add(new Operation(action, record));
                }
            } catch (Exception e) {
                deadLetters.write(application, record, "cannot be indexed: " + e.getMessage());
            }
        }
        send(shard, operations, true);
        // a record with an operation held is remembered once that is indexed or set aside: a replay must send it
        Set<String> waiting = heldRecords(shard);
        dedupe.remember(application, fresh.stream().map(dedupeKey).filter(key -> !waiting.contains(key)).toList());
        return held.handled(shard, batch.last());
    }

    /** No new records: the held operations are sent again; the checkpoint once none is left. */
    @Override
    public Checkpoint idle(String shardId) throws Exception {
        send(shardId, List.of(), false);
        return held.owed(shardId);
    }

    @Override
    public Checkpoint endOfShard(String shardId) throws Exception {
        Checkpoint owed = idle(shardId);
        if (!held.of(shardId).isEmpty()) {
            throw new SystemUnavailableException(held.of(shardId).size() + " search operations of " + shardId
                    + " refused by the engine are still within their retry duration");
        }
        return owed;
    }

    @Override
    public void release(String shardId) {
        held.release(shardId).forEach(retries::forget);
    }

    /**
     * One bulk of the fresh operations and the held ones whose pause is over. {@code inBatch}: an outage
     * fails the batch (it comes again); outside a batch the held operations just stay held.
     */
    private void send(String shard, List<Operation> fresh, boolean inBatch) throws Exception {
        List<Operation> operations = new ArrayList<>(fresh);
        Set<String> keys = fresh.stream().map(Operation::key).collect(Collectors.toSet());
        for (var entry : held.of(shard)) {
            if (retries.due(entry.getKey()) && !keys.contains(entry.getKey())) { // a batch offered again brings its own
                operations.add(entry.getValue());
            }
        }
        if (operations.isEmpty()) {
            return;
        }
        List<BulkItemResult> items = bulk.send(operations.stream().map(Operation::action).toList());
        Map<String, String> refused = new LinkedHashMap<>();
        String reason = null;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).refusedByEngine()) {
                refused.put(operations.get(i).key(), items.get(i).describe());
                reason = "search engine refuses items (" + items.get(i).index() + "): " + items.get(i).describe();
            }
        }
        Map<String, RetryDuration.Verdict> verdicts = retries.answered(items.size() - refused.size(), refused);
        if (reason == null) {
            refusals.accepted(application);
        } else {
            refusals.refused(application, reason);
        }
        if (inBatch && verdicts.containsValue(RetryDuration.Verdict.OUTAGE)) { // before any dead letter: the batch comes again
            throw new SystemUnavailableException(reason);
        }
        for (int i = 0; i < items.size(); i++) {
            settle(shard, operations.get(i), items.get(i), verdicts.get(operations.get(i).key()));
        }
    }

    /** One item's outcome: indexed, set aside (a data error, or refused past its retry duration), or held. */
    private void settle(String shard, Operation operation, BulkItemResult item, RetryDuration.Verdict verdict) throws Exception {
        String key = operation.key();
        if (verdict == RetryDuration.Verdict.RETRY || verdict == RetryDuration.Verdict.OUTAGE) {
            held.hold(shard, key, operation);
            return;
        }
        boolean wasHeld = held.holds(shard, key);
        held.done(shard, key);
        if (verdict == RetryDuration.Verdict.GIVE_UP) {
            deadLetters.write(application, operation.owner(), retries.giveUp(key, "document " + key + " (" + item.describe() + ")"));
        } else {
            retries.forget(key);
            if (item.dataError()) {
                deadLetters.write(application, operation.owner(), "rejected by the search engine (" + item.index() + "): "
                        + item.describe());
            }
        }
        String record = dedupeKey.apply(operation.owner());
        if (wasHeld && !heldRecords(shard).contains(record)) {
            dedupe.remember(application, List.of(record));
        }
    }

    /** The dedupe keys of the records with an operation held for the shard. */
    private Set<String> heldRecords(String shard) {
        return held.of(shard).stream().map(entry -> dedupeKey.apply(entry.getValue().owner())).collect(Collectors.toSet());
    }
}
