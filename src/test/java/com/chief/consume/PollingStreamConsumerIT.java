package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.kinesis.KplRecordProducer;
import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.StreamReader;
import com.chief.kinesis.WarmUpRecord;
import com.chief.support.Databases;
import com.chief.support.KinesisFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The checkpointed shard reader against the Kinesis emulator, with checkpoints in MariaDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingStreamConsumerIT {

    @TempDir
    static Path dir;

    private KinesisFixture fixture;
    private KinesisClient kinesis;
    private KplRecordProducer producer;
    private int streams;

    @BeforeAll
    void start() {
        fixture = new KinesisFixture(dir, 5000);
        kinesis = fixture.kinesis;
        producer = fixture.producer;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    /** What a handler saw: per partition key, the values in the order they came. */
    static final class Seen implements BatchHandler {
        final Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
        final Map<String, List<BigInteger[]>> positions = new ConcurrentHashMap<>();
        final Map<String, List<String>> shardsInOrder = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> byShard = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        /** Shards handed over by {@link #take}, and batches of a shard that was not handed over first. */
        final List<String> taken = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger beforeTake = new AtomicInteger();
        volatile java.util.function.Predicate<RecordBatch> fail = batch -> false;

        @Override
        public void take(String shardId) {
            taken.add(shardId);
        }

        @Override
        public Checkpoint handle(RecordBatch batch) {
            if (!taken.contains(batch.shardId())) {
                beforeTake.incrementAndGet();
            }
            if (fail.test(batch)) {
                throw new SystemUnavailableException("sink down"); // an outage, not a bad record: never split or set aside
            }
            for (UserRecord record : batch.records()) {
                byKey.computeIfAbsent(record.partitionKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(Integer.parseInt(new String(record.data(), StandardCharsets.UTF_8)));
                positions.computeIfAbsent(record.partitionKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(new BigInteger[] {new BigInteger(record.sequenceNumber()), BigInteger.valueOf(record.subSequenceNumber())});
                byShard.computeIfAbsent(record.shardId(), k -> new AtomicInteger()).incrementAndGet();
                shardsInOrder.computeIfAbsent(record.partitionKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(record.shardId());
                total.incrementAndGet();
            }
            return batch.last();
        }

        /** Each value once, and each key's records delivered in stream order (sequence, then sub-sequence). */
        void assertEachKeyInOrderAndOnce() {
            byKey.forEach((key, values) -> assertThat(values).as(key).doesNotHaveDuplicates());
            positions.forEach((key, list) -> assertThat(list).as(key).isSortedAccordingTo((a, b) -> {
                int bySequence = a[0].compareTo(b[0]);
                return bySequence != 0 ? bySequence : a[1].compareTo(b[1]);
            }));
        }
    }

    @Test
    void everyRecordOnceInOrderPerKeyWithACheckpointPerShard() throws Exception {
        String stream = newStream(4);
        produce(stream, 0, 6000);
        try (Databases db = Databases.create()) {
            Seen seen = new Seen();
            PollingStreamConsumer consumer = consumer("app", stream, db, seen, 200);
            consumer.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.total.get() >= 6000);
            consumer.stop();
            assertThat(seen.total.get()).isEqualTo(6000);
            seen.assertEachKeyInOrderAndOnce();
            assertThat(checkpointedShards(db, "app", stream)).isEqualTo(4);
            assertThat(seen.taken).as("each shard handed to the handler once").hasSize(4).doesNotHaveDuplicates();
            assertThat(seen.beforeTake).as("batches of a shard not handed over yet").hasValue(0);
        }
    }

    @Test
    void aRestartResumesAfterTheCheckpointEvenInsideAnAggregate() throws Exception {
        String stream = newStream(1);
        produce(stream, 0, 3000);
        try (Databases db = Databases.create()) {
            Seen first = new Seen();
            AtomicInteger batches = new AtomicInteger();
            first.fail = batch -> batches.incrementAndGet() > 7; // "crashes" at its 8th batch of 100
            PollingStreamConsumer crashing = consumer("app", stream, db, first, 100);
            crashing.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> batches.get() > 8);
            crashing.stop();
            assertThat(first.total.get()).isEqualTo(700);

            Seen second = new Seen();
            PollingStreamConsumer restarted = consumer("app", stream, db, second, 100);
            restarted.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> second.total.get() >= 2300);
            restarted.stop();
            assertThat(second.total.get()).as("only what the first run had not finished").isEqualTo(2300);
            List<Integer> all = new ArrayList<>();
            first.byKey.values().forEach(all::addAll);
            second.byKey.values().forEach(all::addAll);
            assertThat(all).hasSize(3000).doesNotHaveDuplicates();
        }
    }

    /** What the ownership fence does when the database is away for long: stops the consumer, then starts it again. */
    @Test
    void theSameConsumerStartedAgainAfterAStopReadsOn() throws Exception {
        String stream = newStream(2);
        produce(stream, 0, 1000);
        try (Databases db = Databases.create()) {
            Seen seen = new Seen();
            PollingStreamConsumer consumer = consumer("app", stream, db, seen, 100);
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.total.get() >= 1000);
            consumer.stop();
            produce(stream, 1000, 2000);
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.total.get() >= 2000);
            consumer.stop();
            assertThat(seen.total.get()).isEqualTo(2000);
            seen.assertEachKeyInOrderAndOnce();
        }
    }

    @Test
    void aSinkOutageHoldsTheCheckpointAndLosesNothing() throws Exception {
        String stream = newStream(2);
        produce(stream, 0, 2000);
        try (Databases db = Databases.create()) {
            Seen seen = new Seen();
            AtomicBoolean down = new AtomicBoolean(true);
            AtomicInteger refused = new AtomicInteger();
            seen.fail = batch -> down.get() && refused.incrementAndGet() > 0;
            PollingStreamConsumer consumer = consumer("app", stream, db, seen, 500);
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() >= 6);
            assertThat(checkpointedShards(db, "app", stream)).as("no checkpoint while the sink is down").isZero();
            down.set(false);
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.total.get() >= 2000);
            consumer.stop();
            assertThat(seen.total.get()).isEqualTo(2000);
            seen.assertEachKeyInOrderAndOnce();
        }
    }

    @Test
    void aReshardWhileConsumingLosesNothingAndKeepsOrderPerKey() throws Exception {
        String stream = newStream(2);
        produce(stream, 0, 2000);
        try (Databases db = Databases.create()) {
            Seen seen = new Seen();
            PollingStreamConsumer consumer = consumer("app", stream, db, seen, 200);
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.total.get() > 0);

            Shard parent = kinesis.listShards(r -> r.streamName(stream)).shards().get(0);
            BigInteger low = new BigInteger(parent.hashKeyRange().startingHashKey());
            BigInteger high = new BigInteger(parent.hashKeyRange().endingHashKey());
            kinesis.splitShard(r -> r.streamName(stream).shardToSplit(parent.shardId())
                    .newStartingHashKey(low.add(high).shiftRight(1).toString()));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
            await().atMost(Duration.ofSeconds(30)).until(() -> kinesis.listShards(r -> r.streamName(stream)).shards().size() == 4);
            produce(stream, 2000, 4000);

            // the KPL re-sends what it had put on the parent as it closed, so the stream itself may hold
            // repeats (the applications' dedupe removes them): the reader must deliver exactly what is there
            long inStream = StreamReader.deliverableUserRecords(kinesis, stream).stream()
                    .filter(r -> !WarmUpRecord.is(r.partitionKey())).count();
            await().atMost(Duration.ofSeconds(90)).until(() -> seen.total.get() >= inStream);
            await("nothing more arrives").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> seen.total.get() == inStream);
            consumer.stop();
            System.out.println("reshard: " + inStream + " user records in the stream; delivered per shard " + seen.byShard);
            assertThat(seen.total.get()).isEqualTo((int) inStream);
            java.util.Set<Integer> values = new java.util.HashSet<>();
            seen.byKey.values().forEach(values::addAll);
            assertThat(values).hasSize(4000).contains(0, 3999);
            // a key's records from the parent all come before any from its children
            seen.shardsInOrder.forEach((key, shards) -> {
                int lastParent = shards.lastIndexOf(parent.shardId());
                int firstChild = -1;
                for (int i = 0; i < shards.size(); i++) {
                    if (!shards.get(i).equals(parent.shardId()) && !shards.get(i).equals("shardId-000000000001")) {
                        firstChild = i;
                        break;
                    }
                }
                if (lastParent >= 0 && firstChild >= 0) {
                    assertThat(lastParent).as(key + " " + shards).isLessThan(firstChild);
                }
            });
        }
    }

    private PollingStreamConsumer consumer(String application, String stream, Databases db, BatchHandler handler, int batchSize) {
        return new PollingStreamConsumer(new ConsumerSettings(application, stream, ShardIteratorType.TRIM_HORIZON, 500,
                Duration.ofMillis(200), batchSize, Duration.ofSeconds(1), 3), kinesis, new CheckpointStore(db.dataSource), handler,
                new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry()), new ConsumerMetrics(new SimpleMeterRegistry()));
    }

    private String newStream(int shards) throws Exception {
        return fixture.createStream("Consume" + (++streams), shards);
    }

    /** Values from..to-1 under 300 keys. */
    private void produce(String stream, int from, int to) throws Exception {
        List<CompletableFuture<ProducedRecord>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            acks.add(producer.send(stream, "key-" + (i % 300), String.valueOf(i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private static int checkpointedShards(Databases db, String application, String stream) throws Exception {
        try (Connection connection = db.dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM kinesis_checkpoint WHERE application = '"
                        + application + "' AND stream_name = '" + stream + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
