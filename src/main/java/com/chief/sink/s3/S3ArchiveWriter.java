package com.chief.sink.s3;

import com.chief.kinesis.BatchDeduplicator;
import com.chief.kinesis.BatchHandler;
import com.chief.kinesis.Checkpoint;
import com.chief.kinesis.RecordBatch;
import com.chief.kinesis.UserRecord;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * An archive application's handler: collects each shard's records and writes them to S3 as
 * newline-delimited JSON, one object per UTC event hour, when a shard's buffer reaches a record
 * count, a size or an age. Keys are deterministic,
 * {@code <prefix>/yyyy/MM/dd/HH/<shardId>-<sequence>-<subSequence>.ndjson[.gz]} of the object's
 * first record, and the checkpoint moves only to the last record written: after a crash the
 * replay starts at the first unwritten record, so a rewritten object replaces its earlier self and
 * no record lands in two objects. Repeats (same order, or same order and status) are dropped with
 * the application's dedupe, remembered once their object is written. A failed write throws; the
 * reader offers the batch again later.
 */
public final class S3ArchiveWriter implements BatchHandler {

    public record FlushPolicy(int maxRecords, long maxBytes, Duration maxAge) {
    }

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private final String application;
    private final String prefix;
    private final FlushPolicy policy;
    private final boolean gzip;
    private final BatchDeduplicator dedupe;
    private final Function<UserRecord, String> dedupeKey;
    private final Consumer<ArchiveObject> store;
    private final Map<String, Buffer> buffers = new ConcurrentHashMap<>();

    /** {@code store} puts one object (through the {@code archive-put} route) and throws if it could not. */
    public S3ArchiveWriter(String application, String prefix, FlushPolicy policy, boolean gzip, BatchDeduplicator dedupe,
            Function<UserRecord, String> dedupeKey, Consumer<ArchiveObject> store) {
        this.application = application;
        this.prefix = prefix;
        this.policy = policy;
        this.gzip = gzip;
        this.dedupe = dedupe;
        this.dedupeKey = dedupeKey;
        this.store = store;
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
                    buffer.since = Instant.now();
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
    public Checkpoint endOfShard(String shardId) throws IOException, SQLException {
        Buffer buffer = buffers.get(shardId);
        return buffer == null || buffer.records.isEmpty() ? null : flush(buffer);
    }

    private boolean aged(Buffer buffer) {
        return !buffer.records.isEmpty() && Duration.between(buffer.since, Instant.now()).compareTo(policy.maxAge()) >= 0;
    }

    /** Writes the buffer, one object per event hour, and returns the checkpoint of its last record. */
    private Checkpoint flush(Buffer buffer) throws IOException, SQLException {
        Map<String, List<UserRecord>> byHour = new LinkedHashMap<>();
        for (UserRecord record : buffer.records) {
            byHour.computeIfAbsent(HOUR.format(eventTime(record)), hour -> new ArrayList<>()).add(record);
        }
        for (Map.Entry<String, List<UserRecord>> hour : byHour.entrySet()) {
            UserRecord first = hour.getValue().get(0);
            String key = prefix + "/" + hour.getKey() + "/" + first.shardId() + "-" + first.sequenceNumber() + "-"
                    + first.subSequenceNumber() + ".ndjson" + (gzip ? ".gz" : "");
            store.accept(new ArchiveObject(key, content(hour.getValue()), hour.getValue().size()));
        }
        dedupe.remember(application, buffer.keys);
        buffer.records.clear();
        buffer.keys.clear();
        buffer.bytes = 0;
        return buffer.last;
    }

    private byte[] content(List<UserRecord> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
            for (UserRecord record : records) {
                out.write(record.data());
                out.write('\n');
            }
        }
        return bytes.toByteArray();
    }

    /** The record's own time (an order's {@code orderedAt}, a job result's {@code timestamp}), else its arrival. */
    static Instant eventTime(UserRecord record) {
        try {
            JsonNode node = Json.MAPPER.readTree(record.data());
            for (String field : List.of("orderedAt", "timestamp")) {
                JsonNode value = node.get(field);
                if (value != null && value.isTextual()) {
                    return Instant.parse(value.asText());
                }
            }
        } catch (IOException | RuntimeException notJsonOrNoTime) {
            // fall back to the arrival time
        }
        return record.arrival() != null ? record.arrival() : Instant.now();
    }
}
