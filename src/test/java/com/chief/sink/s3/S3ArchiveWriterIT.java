package com.chief.sink.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.RecordBatch;
import com.chief.consume.UserRecord;
import com.chief.sink.FinalStatuses;
import com.chief.sink.OneFinalStatus;
import com.chief.support.Databases;
import com.chief.support.MovableClock;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive writer with a real dedupe table and late-hour register (MariaDB) and an in-memory store in place of S3. */
class S3ArchiveWriterIT {

    private static final Instant ARRIVAL = Instant.parse("2026-11-22T10:30:00Z");

    @TempDir
    Path dir;

    private Databases databases;
    private HikariDataSource db;
    private final Map<String, String> bucket = new TreeMap<>();

    @BeforeEach
    void database() {
        databases = Databases.create();
        db = databases.dataSource;
    }

    @AfterEach
    void close() throws Exception {
        databases.close();
    }

    @Test
    void writesOneNdjsonObjectPerFlushUnderTheArrivalHourOfItsFirstRecordWhateverTheOrdersDates() throws Exception {
        S3ArchiveWriter writer = writer(3, false, object -> bucket.put(object.key(), new String(object.content(), StandardCharsets.UTF_8)));
        assertThat(writer.handle(batch(order("a", 1, 0, "2026-11-22T10:05"), order("b", 1, 1, "2017-11-24T12:00")))).as("not full yet").isNull();
        Checkpoint done = writer.handle(batch(record("c", 2, 0, "2026-11-22T23:00", ARRIVAL.plusSeconds(3600))));
        assertThat(done).isEqualTo(new Checkpoint("2", 0));
        assertThat(bucket).containsOnlyKeys("orders/2026/11/22/10/shardId-0-1-0.ndjson");
        assertThat(bucket.get("orders/2026/11/22/10/shardId-0-1-0.ndjson").lines())
                .containsExactly(json("a", "2026-11-22T10:05"), json("b", "2017-11-24T12:00"), json("c", "2026-11-22T23:00"));
    }

    @Test
    void anObjectWrittenLongAfterItsArrivalHourRegistersThatHourForTheLoader() throws Exception {
        writer(1, false, object -> bucket.put(object.key(), "")).handle(batch(record("now", 1, 0, "2026-11-22T10:00", Instant.now())));
        assertThat(Databases.rows(db, "SELECT hour_prefix FROM archive_late_hour")).as("on time").isEmpty();

        S3ArchiveWriter catchingUp = writer(1, false, object -> bucket.put(object.key(), ""));
        catchingUp.handle(batch(order("late-1", 2, 0, "2026-11-22T10:00")));
        catchingUp.handle(batch(order("late-2", 3, 0, "2026-11-22T10:00")));
        assertThat(Databases.rows(db, "SELECT hour_prefix, registrations FROM archive_late_hour"))
                .containsExactly("orders/2026/11/22/10/ 2");
    }

    @Test
    void repeatsAreDroppedAndTheCheckpointStillMoves() throws Exception {
        S3ArchiveWriter writer = writer(2, false, object -> bucket.put(object.key(), new String(object.content(), StandardCharsets.UTF_8)));
        writer.handle(batch(order("a", 1, 0, "2026-11-22T10:00"), order("a", 1, 1, "2026-11-22T10:00"), order("b", 1, 2, "2026-11-22T10:00")));
        assertThat(bucket.values()).singleElement().satisfies(body -> assertThat(body.lines()).hasSize(2));
        assertThat(writer.handle(batch(order("b", 3, 0, "2026-11-22T10:00")))).as("only a repeat").isEqualTo(new Checkpoint("3", 0));
        assertThat(bucket).hasSize(1);
    }

    @Test
    void aFailedWriteHoldsTheCheckpointAndTheRetryWritesTheSameObjectOnce() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        List<String> writes = new ArrayList<>();
        S3ArchiveWriter writer = writer(2, false, object -> {
            if (down.get()) {
                throw new IllegalStateException("S3 unavailable");
            }
            writes.add(object.key());
            bucket.put(object.key(), new String(object.content(), StandardCharsets.UTF_8));
        });
        RecordBatch batch = batch(order("a", 1, 0, "2026-11-22T10:00"), order("b", 1, 1, "2026-11-22T10:00"));
        assertThatThrownBy(() -> writer.handle(batch)).hasMessageContaining("S3 unavailable");
        down.set(false);
        assertThat(writer.handle(batch)).as("the same batch offered again").isEqualTo(new Checkpoint("1", 1));
        assertThat(writes).containsExactly("orders/2026/11/22/10/shardId-0-1-0.ndjson");
        assertThat(bucket.get(writes.get(0)).lines()).hasSize(2);
    }

    @Test
    void aReplayAfterACrashRewritesTheSameKey() throws Exception {
        List<String> keys = new ArrayList<>();
        writer(2, false, object -> keys.add(object.key())).handle(batch(order("a", 1, 0, "2026-11-22T10:00"), order("b", 1, 1, "2026-11-22T10:00")));
        // crash before the checkpoint and the dedupe were stored: a new writer gets the same records
        try (var connection = db.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM processed_message");
        }
        writer(2, false, object -> keys.add(object.key())).handle(batch(order("a", 1, 0, "2026-11-22T10:00"), order("b", 1, 1, "2026-11-22T10:00")));
        assertThat(keys).hasSize(2).containsOnly("orders/2026/11/22/10/shardId-0-1-0.ndjson");
    }

    @Test
    void gzipAndFlushByAge() throws Exception {
        MovableClock clock = new MovableClock(ARRIVAL.plusSeconds(1));
        S3ArchiveWriter writer = new S3ArchiveWriter("order-archive", "orders",
                new S3ArchiveWriter.FlushPolicy(1000, 10_000_000, Duration.ofMillis(50)), true, new BatchDeduplicator(db),
                DedupeKeys::order, object -> bucket.put(object.key(), gunzip(object.content())), new LateArchiveHours(db), clock);
        assertThat(writer.handle(batch(order("a", 1, 0, "2026-11-22T10:00")))).isNull();
        clock.advance(Duration.ofMillis(49));
        assertThat(writer.idle("shardId-0")).as("not old enough yet").isNull();
        assertThat(bucket).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(writer.idle("shardId-0")).isEqualTo(new Checkpoint("1", 0));
        assertThat(bucket).containsOnlyKeys("orders/2026/11/22/10/shardId-0-1-0.ndjson.gz");
        assertThat(bucket.values()).containsExactly(json("a", "2026-11-22T10:00") + "\n");
    }

    @Test
    void onlyAnOrdersFirstFinalStatusIsArchivedAcrossBatchesAndRestartsAContradictingOneIsDeadLetteredAndCounted()
            throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        java.util.function.Consumer<ArchiveObject> store = object -> bucket.put(object.key(),
                new String(object.content(), StandardCharsets.UTF_8));
        BatchHandler archive = jobResultArchive(store, meters);
        RecordBatch first = jobResults(result("c-1", "Pending", 1), result("c-1", "Completed", 2), result("c-1", "Failed", 3));
        assertThat(archive.handle(first)).as("Pending and Completed written; the Failed after them needs nothing")
                .isEqualTo(first.last());
        RecordBatch later = jobResults(result("c-1", "Failed", 4));
        assertThat(archive.handle(later)).as("a batch of contradictions alone").isEqualTo(later.last());

        BatchHandler restarted = jobResultArchive(store, meters);
        assertThat(restarted.handle(jobResults(result("c-2", "Failed", 5), result("c-1", "Failed", 6))))
                .as("c-2 Failed is held in the buffer: the checkpoint waits for it").isNull();
        assertThat(restarted.handle(jobResults(result("c-2", "Completed", 7)))).as("still holding c-2 Failed").isNull();
        assertThat(restarted.endOfShard("shardId-0")).isEqualTo(new Checkpoint("5", 0));

        assertThat(bucket.values().stream().flatMap(String::lines).map(line -> line.replaceAll(".*\"orderId\":\"([^\"]+)\".*\"status\":\"(\\w+)\".*", "$1 $2")))
                .containsExactlyInAnyOrder("c-1 Pending", "c-1 Completed", "c-2 Failed");
        assertThat(deadLetters("jobresult-archive")).hasSize(4).allSatisfy(letter -> assertThat(letter)
                .contains("set aside, it contradicts").containsAnyOf("order c-1: final status Failed", "order c-2: final status Completed"));
        assertThat(meters.get("chief.job.results.contradicting").tag("application", "jobresult-archive").counter().count())
                .isEqualTo(4);
    }

    private S3ArchiveWriter writer(int maxRecords, boolean gzip, java.util.function.Consumer<ArchiveObject> store) {
        return new S3ArchiveWriter("order-archive", "orders",
                new S3ArchiveWriter.FlushPolicy(maxRecords, 10_000_000, Duration.ofHours(1)), gzip, new BatchDeduplicator(db),
                DedupeKeys::order, store, new LateArchiveHours(db));
    }

    /** The jobresult-archive application as Chief declares and guards it, writing two records per object. */
    private BatchHandler jobResultArchive(java.util.function.Consumer<ArchiveObject> store, SimpleMeterRegistry meters) {
        ConsumingApplication archive = ArchiveApplication.JOB_RESULTS.create(new S3ArchiveWriter.FlushPolicy(2, 10_000_000,
                Duration.ofHours(1)), false, new BatchDeduplicator(db), store, new LateArchiveHours(db), meters);
        return OneFinalStatus.guard(archive, new FinalStatuses(db), new DeadLetters(dir.resolve("dead-letter"), meters), meters)
                .handler();
    }

    private static RecordBatch jobResults(UserRecord... records) {
        return new RecordBatch("jobresult-archive", "JobResultsStream", "shardId-0", List.of(records));
    }

    private static UserRecord result(String orderId, String status, long sequence) {
        String json = "{\"orderId\":\"" + orderId + "\",\"customer\":\"" + orderId + "@example.com\",\"status\":\"" + status
                + "\",\"timestamp\":\"2026-11-22T10:0" + sequence + ":00Z\"}";
        return new UserRecord("shardId-0", orderId, String.valueOf(sequence), 0, ARRIVAL, json.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> deadLetters(String application) throws java.io.IOException {
        Path letters = dir.resolve("dead-letter").resolve(application);
        try (var files = java.nio.file.Files.list(letters)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.toList()) {
                texts.add(java.nio.file.Files.readString(file));
            }
            return texts;
        }
    }

    private static RecordBatch batch(UserRecord... records) {
        return new RecordBatch("order-archive", "OrdersStream", "shardId-0", List.of(records));
    }

    /** An order that reached Kinesis at {@link #ARRIVAL}. */
    private static UserRecord order(String id, long sequence, long sub, String orderedAt) {
        return record(id, sequence, sub, orderedAt, ARRIVAL);
    }

    private static UserRecord record(String id, long sequence, long sub, String orderedAt, Instant arrival) {
        return new UserRecord("shardId-0", id, String.valueOf(sequence), sub, arrival, json(id, orderedAt).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String id, String orderedAt) {
        return "{\"orderId\":\"" + id + "\",\"orderedAt\":\"" + orderedAt + ":00Z\"}";
    }

    private static String gunzip(byte[] content) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
