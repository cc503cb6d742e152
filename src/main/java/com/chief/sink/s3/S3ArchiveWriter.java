package com.chief.sink.s3;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An archive application's handler: collects each shard's records and writes them to S3 as
 * newline-delimited JSON, one object per shard and flush, when a shard's buffer reaches a record
 * count, a size or an age. Orders of any date share an object, so the object count follows the
 * volume. Keys are deterministic ({@link ArchiveLayout}: the arrival hour, shard, sequence and
 * sub-sequence of the object's first record), and the checkpoint moves only to the last record
 * written: after a crash the replay starts at the first unwritten record, so a rewritten object
 * replaces its earlier self and no record lands in two objects. A late object (its hour long
 * past, after an outage) has its hour registered for the loader. Repeats (same order, or same order
 * and status) are dropped with the application's dedupe, remembered once their object is written.
 * A failed write throws {@link SystemUnavailableException}; the reader offers the batch again later.
 */
public final class S3ArchiveWriter implements BatchHandler {

    public record FlushPolicy(int maxRecords, long maxBytes, Duration maxAge) {
    }

    private final String application;
    private final String prefix;
    private final FlushPolicy policy;
    private final boolean gzip;
    private final BatchDeduplicator dedupe;
    private final Function<UserRecord, String> dedupeKey;
    private final Consumer<ArchiveObject> store;
    private final LateArchiveHours lateHours;
    private final Clock clock;
    private final Map<String, Buffer> buffers = new ConcurrentHashMap<>();

    /** {@code store} puts one object (through the {@code archive-put} route) and throws if it could not. */
    public S3ArchiveWriter(String application, String prefix, FlushPolicy policy, boolean gzip, BatchDeduplicator dedupe,
            Function<UserRecord, String> dedupeKey, Consumer<ArchiveObject> store, LateArchiveHours lateHours) {
        this(application, prefix, policy, gzip, dedupe, dedupeKey, store, lateHours, Clock.systemUTC());
    }

    /** With the clock that ages the buffers and tells a late object (a test's, to age a buffer without sleeping). */
    public S3ArchiveWriter(String application, String prefix, FlushPolicy policy, boolean gzip, BatchDeduplicator dedupe,
            Function<UserRecord, String> dedupeKey, Consumer<ArchiveObject> store, LateArchiveHours lateHours, Clock clock) {
        this.application = application;
        this.prefix = prefix;
        this.policy = policy;
        this.gzip = gzip;
        this.dedupe = dedupe;
        this.dedupeKey = dedupeKey;
        this.store = store;
        this.lateHours = lateHours;
        this.clock = clock;
    }

    /** One shard's records not yet written, and the position of the last one taken in. */
    private static final class Buffer {
        final List<UserRecord> records = new ArrayList<>();
        final Set<String> keys = new LinkedHashSet<>();
        long bytes;
        Instant since;
        Checkpoint last;
    }

    @Override
    public Checkpoint handle(RecordBatch batch) throws IOException, SQLException {
        Buffer buffer = buffers.computeIfAbsent(batch.shardId(), id -> new Buffer());
        // a batch offered again after a failed write is already in the buffer
        List<UserRecord> taken = batch.records().stream()
                .filter(r -> buffer.last == null || !buffer.last.covers(r.sequenceNumber(), r.subSequenceNumber()))
                .toList();
        for (UserRecord record : dedupe.unseen(application, taken, dedupeKey)) {
            if (buffer.keys.add(dedupeKey.apply(record))) {
                if (buffer.records.isEmpty()) {
                    buffer.since = clock.instant();
                }
                buffer.records.add(record);
                buffer.bytes += record.data().length + 1;
            }
        }
        if (!taken.isEmpty()) {
            UserRecord lastTaken = taken.get(taken.size() - 1);
            buffer.last = new Checkpoint(lastTaken.sequenceNumber(), lastTaken.subSequenceNumber());
        }
        if (buffer.records.isEmpty()) {
            return buffer.last; // only repeats: nothing to write, the checkpoint can move
        }
        boolean full = buffer.records.size() >= policy.maxRecords() || buffer.bytes >= policy.maxBytes();
        return full || aged(buffer) ? flush(buffer) : null;
    }

    @Override
    public Checkpoint idle(String shardId) throws IOException, SQLException {
        Buffer buffer = buffers.get(shardId);
        return buffer != null && aged(buffer) ? flush(buffer) : null;
    }

    @Override
    public void release(String shardId) {
        buffers.remove(shardId);
    }

    @Override
    public Checkpoint endOfShard(String shardId) throws IOException, SQLException {
        Buffer buffer = buffers.get(shardId);
        return buffer == null || buffer.records.isEmpty() ? null : flush(buffer);
    }

    private boolean aged(Buffer buffer) {
        return !buffer.records.isEmpty() && Duration.between(buffer.since, clock.instant()).compareTo(policy.maxAge()) >= 0;
    }

    /**
     * Writes the buffer as one object and returns the checkpoint of its last record. A failure here
     * is the archive's, never a record's: the buffer holds records of earlier batches too, so
     * splitting the batch at hand could not find a culprit.
     */
    private Checkpoint flush(Buffer buffer) {
        try {
            return write(buffer);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new SystemUnavailableException("archive write failed: " + e.getMessage(), e);
        }
    }

    private Checkpoint write(Buffer buffer) throws IOException, SQLException {
        UserRecord first = buffer.records.get(0);
        Instant now = clock.instant();
        // Kinesis always stamps arrival; a record without one (not from a stream) takes the write time
        Instant arrival = first.arrival() != null ? first.arrival() : now;
        String key = ArchiveLayout.key(prefix, arrival, first.shardId(), first.sequenceNumber(), first.subSequenceNumber(), gzip);
        store.accept(new ArchiveObject(key, content(buffer.records), buffer.records.size()));
        if (ArchiveLayout.isLate(arrival, now)) {
            lateHours.register(ArchiveLayout.hourPrefix(prefix, arrival));
        }
        dedupe.remember(application, buffer.keys);
        buffer.records.clear();
        buffer.keys.clear();
        buffer.bytes = 0;
        return buffer.last;
    }

    private byte[] content(List<UserRecord> records) throws IOException {
        return ArchiveFormat.encode(records, UserRecord::data, gzip);
    }
}
