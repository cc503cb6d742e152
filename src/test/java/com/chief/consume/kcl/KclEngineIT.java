package com.chief.consume.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.AwsClients;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumerMetrics;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.DeadLetters;
import com.chief.kinesis.ProducedRecord;
import com.chief.consume.RecordBatch;
import com.chief.consume.UserRecord;
import com.chief.support.KinesisFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The KCL engine against the Kinesis emulator and the embedded DynamoDB (dynalite): two workers of
 * one application split 4 shards and together process every record once; when one dies, the other
 * takes its shards over. Counts what the handlers received, per record value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KclEngineIT {

    private static final int SHARDS = 4;

    @TempDir
    static Path dir;

    private KinesisFixture fixture;
    private KinesisAsyncClient kinesis;
    private DynamoDbAsyncClient dynamoDb;
    private CloudWatchAsyncClient cloudWatch;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<KclStreamConsumer> workers = new ArrayList<>();

    @BeforeAll
    void start() {
        fixture = new KinesisFixture(dir, 5000, Map.of("chief.consumer.engine", "kcl"));
        kinesis = AwsClients.kinesisAsync(fixture.settings, false);
        dynamoDb = AwsClients.dynamoDb(fixture.settings);
        cloudWatch = AwsClients.cloudWatch(fixture.settings);
    }

    @AfterAll
    void stop() {
        workers.forEach(KclStreamConsumer::halt);
        kinesis.close();
        dynamoDb.close();
        cloudWatch.close();
        fixture.close();
    }

    /** What every worker's handler received: each value with how often it came. */
    static final class Landed implements BatchHandler {
        final Map<Integer, AtomicInteger> times = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        /** Times each shard was handed to a worker's handler (a lease taken). */
        final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();

        @Override
        public void take(String shardId) {
            taken.computeIfAbsent(shardId, shard -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public Checkpoint handle(RecordBatch batch) {
            for (UserRecord record : batch.records()) {
                times.computeIfAbsent(Integer.parseInt(new String(record.data(), StandardCharsets.UTF_8)),
                        value -> new AtomicInteger()).incrementAndGet();
                total.incrementAndGet();
            }
            return batch.last();
        }

        long doubled() {
            return times.values().stream().filter(count -> count.get() > 1).count();
        }
    }

    @Test
    void twoWorkersSplitTheShardsProcessEveryRecordOnceAndOneTakesOverWhenTheOtherDies() throws Exception {
        String stream = fixture.createStream("KclStream", SHARDS);
        String application = "kcl-it";
        Landed landed = new Landed();

        long started = System.nanoTime();
        KclStreamConsumer a = worker(application, stream, "worker-a", landed);
        KclStreamConsumer b = worker(application, stream, "worker-b", landed);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                // settled: 2 / 2 and disjoint (a lease just taken from a worker that has not noticed yet is held twice)
                .until(() -> evenSplit(a, b));
        System.out.printf("KCL first start: all %d leases held, split %s / %s, %.1f s after start%n", SHARDS,
                a.heldShards(), b.heldShards(), seconds(started));

        produce(stream, 0, 4000);
        await().atMost(Duration.ofSeconds(60)).until(() -> landed.times.size() == 4000);
        nothingMoreArrives(landed);
        assertThat(landed.total.get()).as("every record once over both workers").isEqualTo(4000);
        assertThat(landed.doubled()).isZero();
        assertThat(a.heldShards()).doesNotContainAnyElementsOf(b.heldShards());

        Set<String> bShards = b.heldShards();
        long killed = System.nanoTime();
        b.halt(); // as a crash: no hand-over, its leases expire
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> a.heldShards().size() == SHARDS);
        System.out.printf("KCL takeover: worker-a holds %s (worker-b had %s) %.1f s after worker-b stopped%n",
                a.heldShards(), bShards, seconds(killed));
        produce(stream, 4000, 6000);
        await().atMost(Duration.ofSeconds(60)).until(() -> landed.times.size() == 6000);
        nothingMoreArrives(landed);
        assertThat(landed.total.get()).as("nothing lost or doubled across the takeover").isEqualTo(6000);
        bShards.forEach(shard -> assertThat(landed.taken.get(shard)).as("%s handed to worker-b, then to worker-a", shard)
                .hasValueGreaterThanOrEqualTo(2));

        double window = 10;
        Map<String, Double> before = getRecordsPerShard(stream);
        Thread.sleep((long) (window * 1000)); // a measuring window: the rate of idle GetRecords calls over it
        Map<String, Double> after = getRecordsPerShard(stream);
        after.forEach((shard, count) -> System.out.printf("KCL GetRecords on %s: %.2f/s (one application, idle)%n", shard,
                (count - before.getOrDefault(shard, 0.0)) / window));
        assertThat(after.keySet()).hasSize(SHARDS);
        after.forEach((shard, count) -> assertThat((count - before.getOrDefault(shard, 0.0)) / window)
                .as("every shard read, within one call per second per application").isBetween(0.5, 1.3));

        a.stop(); // graceful: flushes and checkpoints, then the tables stay for the restart
        long restarted = System.nanoTime();
        KclStreamConsumer c = worker(application, stream, "worker-c", landed);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> c.heldShards().size() == SHARDS);
        System.out.printf("KCL restart (tables exist): all %d leases held %.1f s after start%n", SHARDS, seconds(restarted));
        produce(stream, 6000, 6500);
        await().atMost(Duration.ofSeconds(60)).until(() -> landed.times.size() == 6500);
        nothingMoreArrives(landed);
        assertThat(landed.total.get()).as("a restart resumes after the checkpoints").isEqualTo(6500);

        // scale out on an idle stream: a worker that joins late takes its share (lease-assignment=count)
        long joined = System.nanoTime();
        KclStreamConsumer d = worker(application, stream, "worker-d", landed);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> evenSplit(c, d));
        System.out.printf("KCL late joiner on an idle stream: %s / %s, %.1f s after it started%n", c.heldShards(),
                d.heldShards(), seconds(joined));
        produce(stream, 6500, 7000);
        await().atMost(Duration.ofSeconds(60)).until(() -> landed.times.size() == 7000);
        nothingMoreArrives(landed);
        assertThat(landed.total.get()).as("nothing lost or doubled across the hand-over").isEqualTo(7000);
    }

    /** Two seconds in which nothing more lands: a record handed twice would come within a poll or two. */
    private static void nothingMoreArrives(Landed landed) {
        int now = landed.total.get();
        await("nothing more arrives").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> landed.total.get() == now);
    }

    private KclStreamConsumer worker(String application, String stream, String workerId, BatchHandler handler) {
        ConsumerSettings settings = new ConsumerSettings(application, stream, ShardIteratorType.TRIM_HORIZON, 500,
                Duration.ofMillis(1000), 200, Duration.ofSeconds(5), 3);
        KclStreamConsumer worker = new KclStreamConsumer(settings, fixture.settings.engine(), workerId, kinesis, dynamoDb,
                cloudWatch, handler, new DeadLetters(dir.resolve("dead-letter"), meters), new ConsumerMetrics(meters));
        workers.add(worker);
        worker.start();
        return worker;
    }

    private Map<String, Double> getRecordsPerShard(String stream) {
        Map<String, Double> perShard = new ConcurrentHashMap<>();
        for (Counter counter : meters.find("chief.consumer.getrecords").tag("stream", stream).counters()) {
            perShard.merge(counter.getId().getTag("shard"), counter.count(), Double::sum);
        }
        return perShard;
    }

    private static boolean evenSplit(KclStreamConsumer a, KclStreamConsumer b) {
        Set<String> all = new HashSet<>(a.heldShards());
        all.addAll(b.heldShards());
        return all.size() == SHARDS && a.heldShards().size() == SHARDS / 2 && b.heldShards().size() == SHARDS / 2;
    }

    private void produce(String stream, int from, int to) throws InterruptedException {
        List<CompletableFuture<ProducedRecord>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            acks.add(fixture.producer.send(stream, "key-" + (i % 300), String.valueOf(i).getBytes(StandardCharsets.UTF_8)));
        }
        fixture.producer.flush();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
