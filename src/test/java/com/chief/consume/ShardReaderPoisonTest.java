package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Json;
import com.chief.sink.s3.ArchiveObject;
import com.chief.sink.s3.LateArchiveHours;
import com.chief.sink.s3.S3ArchiveWriter;
import com.chief.support.Databases;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A record that keeps failing is found by splitting its batch, set aside alone, and the shard moves
 * on; a system that is down is waited for however long it takes, with nothing set aside.
 */
class ShardReaderPoisonTest {

    private static final String POISON = "o-7";

    @TempDir
    Path dir;

    private final FakeKinesis stream = new FakeKinesis();
    private final Shard shard = stream.shard("shardId-0");
    private Databases db;
    private CheckpointStore checkpoints;

    @BeforeEach
    void open() {
        db = Databases.create();
        checkpoints = new CheckpointStore(db.dataSource);
        for (int i = 0; i < 20; i++) {
            String customer = (i == 7 ? "x".repeat(300) : "c" + i) + "@example.com"; // 300 characters: too long for the column
            stream.put(shard.shardId(), "o-" + i, "{\"orderId\":\"o-" + i + "\",\"customer\":\"" + customer
                    + "\",\"orderedAt\":\"2026-11-22T10:00:00Z\"}");
        }
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /** Commits a batch only when all of it can be stored (as one transaction would); counts each record committed. */
    static final class Sink implements BatchHandler {
        final Map<String, AtomicInteger> committed = new ConcurrentHashMap<>();
        volatile Supplier<RuntimeException> outage = () -> null;

        @Override
        public Checkpoint handle(RecordBatch batch) {
            RuntimeException down = outage.get();
            if (down != null) {
                throw down;
            }
            for (UserRecord record : batch.records()) {
                if (new String(record.data(), StandardCharsets.UTF_8).length() > 254) {
                    throw new IllegalArgumentException("Data too long for column 'customer' at row 1");
                }
            }
            batch.records().forEach(r -> committed.computeIfAbsent(r.partitionKey(), k -> new AtomicInteger()).incrementAndGet());
            return batch.last();
        }
    }

    @Test
    void aPoisonRecordAmongGoodOnesIsDeadLetteredAloneAndEveryOtherRecordIsProcessedOnce() throws Exception {
        stream.close(shard.shardId());
        Sink sink = new Sink();
        ShardReader reader = reader(sink, 10);

        assertThat(stepUntil(reader, ShardReader.Step.FINISHED, 200)).isEqualTo(ShardReader.Step.FINISHED);

        assertThat(sink.committed.keySet()).hasSize(19).doesNotContain(POISON);
        assertThat(sink.committed.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.path("partitionKey").asText()).isEqualTo(POISON);
            assertThat(letter.path("reason").asText()).contains("Data too long for column");
            assertThat(letter.path("record").asText()).contains("x".repeat(300));
        });
        assertThat(checkpoint()).contains(Checkpoint.SHARD_END);
    }

    @ParameterizedTest
    @ValueSource(strings = {"system-unavailable", "connection-refused", "connection-pool-timeout"})
    void aLongSystemOutageHoldsTheCheckpointDeadLettersNothingAndAllIsProcessedAfterRecovery(String failure) throws Exception {
        Sink sink = new Sink();
        AtomicInteger calls = new AtomicInteger();
        sink.outage = () -> calls.incrementAndGet() > 50 ? null : switch (failure) {
            case "system-unavailable" -> new SystemUnavailableException("search refuses writes: 403 security_exception");
            case "connection-refused" -> new CamelExecutionException("archive-put failed", null, new ConnectException("Connection refused"));
            default -> new IllegalStateException("batch failed", new SQLTransientConnectionException("pool timed out after 30000ms"));
        };
        ShardReader reader = reader(sink, 10);

        for (int i = 0; i < 50; i++) {
            assertThat(step(reader)).isEqualTo(ShardReader.Step.FAILED);
        }
        assertThat(checkpoint()).as("the checkpoint holds during the outage").isEmpty();
        assertThat(deadLetters()).as("an outage is never blamed on a record").isEmpty();
        assertThat(sink.committed).isEmpty();

        assertThat(stepUntil(reader, ShardReader.Step.IDLE, 100)).isEqualTo(ShardReader.Step.IDLE);
        assertThat(sink.committed.keySet()).hasSize(19).doesNotContain(POISON);
        assertThat(sink.committed.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(deadLetters()).singleElement().satisfies(letter -> assertThat(letter.path("partitionKey").asText()).isEqualTo(POISON));
    }

    /**
     * The archive holds records until it writes an object; splitting a batch around a poison record
     * must not move the checkpoint past records it still holds.
     */
    @Test
    void aBufferingHandlerKeepsItsCheckpointAtWhatItWroteWhileAPoisonRecordIsSetAside() throws Exception {
        stream.close(shard.shardId());
        List<ArchiveObject> written = new ArrayList<>();
        S3ArchiveWriter archive = new S3ArchiveWriter("order-archive", "orders",
                new S3ArchiveWriter.FlushPolicy(1000, 10_000_000, Duration.ofHours(1)), false,
                new BatchDeduplicator(db.dataSource), DedupeKeys::order, written::add, new LateArchiveHours(db.dataSource));
        BatchHandler poisonChecked = new BatchHandler() {
            @Override
            public Checkpoint handle(RecordBatch batch) throws Exception {
                new Sink().handle(batch); // fails on the poison record, as a validating step before the archive would
                return archive.handle(batch);
            }

            @Override
            public Checkpoint endOfShard(String shardId) throws Exception {
                return archive.endOfShard(shardId);
            }
        };
        ShardReader reader = reader(poisonChecked, 10);

        ShardReader.Step step;
        int steps = 0;
        do {
            step = step(reader);
            if (written.isEmpty()) {
                assertThat(checkpoint()).as("nothing written yet, so no checkpoint (step " + steps + ")").isEmpty();
            }
        } while (step != ShardReader.Step.FINISHED && ++steps < 200);

        List<String> archived = new ArrayList<>();
        for (ArchiveObject object : written) {
            for (String line : new String(object.content(), StandardCharsets.UTF_8).split("\n")) {
                archived.add(Json.MAPPER.readTree(line).path("orderId").asText());
            }
        }
        assertThat(archived).hasSize(19).doesNotHaveDuplicates().doesNotContain(POISON);
        assertThat(deadLetters()).hasSize(1);
        assertThat(checkpoint()).contains(Checkpoint.SHARD_END);
    }

    private ShardReader reader(BatchHandler handler, int batchSize) {
        return stream.reader(shard, checkpoints, handler, dir.resolve("dead-letter"), batchSize);
    }

    static ShardReader.Step step(ShardReader reader) {
        try {
            return reader.step();
        } catch (Exception e) {
            return ShardReader.Step.FAILED;
        }
    }

    /** Steps (without the pauses, which are the consumer's business) until the wanted step or the limit. */
    static ShardReader.Step stepUntil(ShardReader reader, ShardReader.Step wanted, int limit) {
        ShardReader.Step step = null;
        for (int i = 0; i < limit && step != wanted; i++) {
            step = step(reader);
        }
        return step;
    }

    private Optional<Checkpoint> checkpoint() throws Exception {
        return checkpoints.load("app", "Stream", shard.shardId());
    }

    private List<com.fasterxml.jackson.databind.JsonNode> deadLetters() throws Exception {
        Path letters = dir.resolve("dead-letter/app");
        if (!Files.isDirectory(letters)) {
            return List.of();
        }
        List<com.fasterxml.jackson.databind.JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(letters)) {
            for (Path file : files.toList()) {
                all.add(Json.MAPPER.readTree(file.toFile()));
            }
        }
        return all;
    }
}
