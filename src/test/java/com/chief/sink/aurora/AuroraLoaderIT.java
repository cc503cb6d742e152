package com.chief.sink.aurora;

import static com.chief.support.ArchiveLines.order;
import static com.chief.support.ArchiveLines.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

import com.chief.config.AuroraLoaders;
import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.consume.BatchDeduplicator;
import com.chief.consume.DedupeKeys;
import com.chief.consume.RecordBatch;
import com.chief.consume.UserRecord;
import com.chief.local.S3ProxyServer;
import com.chief.sink.s3.ArchiveLayout;
import com.chief.sink.s3.LateArchiveHours;
import com.chief.sink.s3.S3ArchiveWriter;
import com.chief.support.Databases;
import com.chief.support.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The archive loader in row mode against a real S3Proxy, on MariaDB (the Aurora stand-in). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuroraLoaderIT {

    @TempDir
    static Path dir;

    private S3ProxyServer s3Server;
    private S3Client s3;
    private int buckets;

    @BeforeAll
    void start() {
        ChiefSettings settings = TestSettings.local(dir.resolve("s3"), Map.of());
        s3Server = new S3ProxyServer(settings.dataDir(), settings.localStack().s3Port());
        s3Server.start();
        s3 = AwsClients.s3(settings);
    }

    @AfterAll
    void stop() {
        s3.close();
        s3Server.close();
    }

    @Test
    void loadsEachNewObjectOnceAndAgainOnlyWhenItChanges() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        put(bucket, "orders", now, "a-1", lines(order("o-1", now), order("o-2", now)));
        put(bucket, "orders", now, "a-2", lines(order("o-2", now), order("o-3", now))); // o-2 again, from another object
        put(bucket, "job-results", now, "j-1", lines(result("o-1", "Pending", now), result("o-1", "Completed", now.plusSeconds(60)),
                result("o-2", "InProgress", now.plusSeconds(30))));
        put(bucket, "job-results", now.plusSeconds(1), "j-2", lines(result("o-1", "InProgress", now.plusSeconds(20)))); // late
        try (Databases db = Databases.create()) {
            LoadRun first = loader(bucket, db.dataSource, "one").run();
            assertThat(first.objects()).isEqualTo(4);
            assertThat(first.counts()).isEqualTo(new LoadCounts(8, 7, 1, 0));
            assertThat(Databases.rows(db.dataSource, "SELECT order_id FROM orders ORDER BY order_id")).containsExactly("o-1", "o-2", "o-3");
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM job_result_events")).containsExactly("4");
            assertThat(Databases.rows(db.dataSource, "SELECT order_id, status FROM order_status ORDER BY order_id"))
                    .as("a late InProgress does not move Completed back").containsExactly("o-1 Completed", "o-2 InProgress");

            LoadRun again = loader(bucket, db.dataSource, "one").run();
            assertThat(again.objects()).as("nothing new").isZero();
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM orders")).containsExactly("3");

            // a late object for an hour three days back (its hour registered, as the writer does), and a
            // re-uploaded object with new content
            Instant old = now.minus(3, ChronoUnit.DAYS);
            put(bucket, "orders", old, "late", lines(order("o-old", old)));
            new LateArchiveHours(db.dataSource).register(ArchiveLayout.hourPrefix("orders", old));
            put(bucket, "orders", now, "a-1", lines(order("o-1", now), order("o-2", now), order("o-4", now)));
            LoadRun later = loader(bucket, db.dataSource, "one").run();
            assertThat(later.objects()).isEqualTo(2);
            assertThat(later.counts()).isEqualTo(new LoadCounts(4, 2, 2, 0));
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM orders")).containsExactly("5");
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM load_manifest")).containsExactly("6");
            assertThat(later.lag()).isZero();
        }
    }

    @Test
    void anOrdersFirstFinalStatusStandsAContradictingOneIsSetAsideNotInserted() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        // an archive written before the consumers enforced one final status: both, in one object and in a later one
        put(bucket, "job-results", now, "f-1", lines(result("f-1", "Pending", now), result("f-1", "Completed", now.plusSeconds(60)),
                result("f-1", "Failed", now.plusSeconds(90))));
        try (Databases db = Databases.create()) {
            assertThat(loader(bucket, db.dataSource, "one").run().counts()).isEqualTo(new LoadCounts(3, 2, 0, 1));
            put(bucket, "job-results", now.plusSeconds(1), "f-2", lines(result("f-1", "Failed", now.plusSeconds(120))));
            assertThat(loader(bucket, db.dataSource, "one").run().counts()).as("a later object")
                    .isEqualTo(new LoadCounts(1, 0, 0, 1));

            assertThat(Databases.rows(db.dataSource, "SELECT status FROM job_result_events ORDER BY event_at"))
                    .containsExactly("Pending", "Completed");
            assertThat(Databases.rows(db.dataSource, "SELECT status FROM order_status")).containsExactly("Completed");
            assertThat(Databases.rows(db.dataSource, "SELECT reason FROM load_rejected_line")).hasSize(2)
                    .containsOnly("order f-1: final status Failed contradicts Completed, which stands");
        }
    }

    @Test
    void aRunEndsAfterItsObjectWhenChiefStopsAndTheNextLoadsTheRest() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        put(bucket, "orders", now, "s-1", lines(order("s-1", now)));
        put(bucket, "orders", now, "s-2", lines(order("s-2", now)));
        put(bucket, "orders", now, "s-3", lines(order("s-3", now)));
        try (Databases db = Databases.create()) {
            AtomicInteger asked = new AtomicInteger();
            // Chief starts stopping while the first object loads
            LoadRun stopped = loader(bucket, db.dataSource, "one").stopWhen(() -> asked.incrementAndGet() > 1).run();
            assertThat(stopped.objects()).isEqualTo(1);
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM orders")).containsExactly("1");

            LoadRun next = loader(bucket, db.dataSource, "one").run();
            assertThat(next.objects()).isEqualTo(2);
            assertThat(Databases.rows(db.dataSource, "SELECT order_id FROM orders ORDER BY order_id"))
                    .containsExactly("s-1", "s-2", "s-3");
        }
    }

    @Test
    void aBadLineIsSetAsideWithItsReasonAndTheRestLoads() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        put(bucket, "orders", now, "bad", lines(order("b-1", now), "{\"orderId\":\"b-2\",\"orderedAt\":", order("b-3", now),
                "{\"orderId\":\"b-4\",\"orderedAt\":\"" + now + "\"}"));
        try (Databases db = Databases.create()) {
            LoadRun run = loader(bucket, db.dataSource, "one").run();
            assertThat(run.counts()).isEqualTo(new LoadCounts(4, 2, 0, 2));
            assertThat(Databases.rows(db.dataSource, "SELECT order_id FROM orders ORDER BY order_id")).containsExactly("b-1", "b-3");
            assertThat(Databases.rows(db.dataSource, "SELECT line_number, reason FROM load_rejected_line ORDER BY line_number"))
                    .hasSize(2)
                    .satisfies(lines -> assertThat(lines.get(0)).startsWith("2 not an order: Unexpected end-of-input"))
                    .satisfies(lines -> assertThat(lines.get(1)).isEqualTo("4 not an order: orderId, customer and orderedAt are required"));
        }
    }

    @Test
    void twoInstancesAtOnceMakeOneLoadAndADeadInstancesLeaseExpires() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            put(bucket, "orders", now, "p-" + i, lines(order("p-" + i, now)));
        }
        try (Databases db = Databases.create()) {
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<LoadRun>> runs = new ArrayList<>();
            for (String instance : List.of("first", "second")) {
                AuroraLoader loader = loader(bucket, db.dataSource, instance);
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                        return loader.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<LoadRun> done = runs.stream().map(CompletableFuture::join).toList();
            assertThat(done).as("one of them loads").filteredOn(run -> run.objects() > 0).hasSize(1);
            assertThat(done.stream().mapToInt(LoadRun::objects).sum()).as("each object loaded by one of them").isEqualTo(5);
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM load_manifest")).containsExactly("5");

            // an instance that died holding the lease blocks the others until it expires
            assertThat(new LoadLease(db.dataSource, "died", 2).acquire()).isTrue();
            put(bucket, "orders", now, "p-after", lines(order("p-after", now)));
            assertThat(loader(bucket, db.dataSource, "first").run().ran()).isFalse();
            // the lease's 2 s run on the database's clock: runs are refused until then, the first one after loads
            LoadRun after = await("the dead instance's lease expired").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250)).until(() -> loader(bucket, db.dataSource, "first").run(), LoadRun::ran);
            assertThat(after.objects()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatDiesHalfWayIsCompletedByTheNextWithoutDuplicates() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            orders.add(order("h-" + i, now));
        }
        put(bucket, "orders", now, "big", String.join("\n", orders) + "\n");
        try (Databases db = Databases.create()) {
            AtomicBoolean lost = new AtomicBoolean();
            DataSource losable = unless(lost, db.dataSource);
            AuroraLoader dying = AuroraLoaders.create(s3, bucket, losable,
                    new RowLoader(s3, bucket, losingAfter(3, lost, losable), 100), "dying", 60, new SimpleMeterRegistry());
            assertThatThrownBy(dying::run).hasMessageContaining("connection lost");
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM orders")).containsExactly("300");
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM load_manifest")).containsExactly("0");

            lost.set(false); // the database is back; the same instance (still holding the lease) runs again
            LoadRun next = loader(bucket, db.dataSource, "dying").run();
            assertThat(next.counts()).isEqualTo(new LoadCounts(1000, 700, 300, 0));
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*), COUNT(DISTINCT order_id) FROM orders")).containsExactly("1000 1000");
        }
    }

    @Test
    void aBadObjectIsSetAsideTheOthersLoadAndItIsTriedAgainOnlyOnceItChanged() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        put(bucket, "orders", now, "good-1", lines(order("g-1", now)));
        String bad = ArchiveLayout.key("orders", now, "shardId-000000000000", "bad", 0, true);
        s3.putObject(r -> r.bucket(bucket).key(bad), RequestBody.fromString(lines(order("g-2", now)))); // .gz, not gzipped
        put(bucket, "orders", now, "good-3", lines(order("g-3", now)));
        try (Databases db = Databases.create()) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            LoadRun first = loader(bucket, db.dataSource, "one", meters).run();
            assertThat(first.objects()).isEqualTo(2);
            assertThat(Databases.rows(db.dataSource, "SELECT order_id FROM orders ORDER BY order_id")).containsExactly("g-1", "g-3");
            assertThat(Databases.rows(db.dataSource, "SELECT object_key, load_error FROM load_manifest WHERE load_error IS NOT NULL"))
                    .singleElement().satisfies(row -> assertThat(row).startsWith(bad + " ").contains("Not in GZIP format"));
            assertThat(meters.counter("chief.aurora.objects.set.aside").count()).isEqualTo(1);

            LoadRun unchanged = loader(bucket, db.dataSource, "one", meters).run();
            assertThat(unchanged.objects()).as("the same bad content is not tried again").isZero();
            assertThat(meters.counter("chief.aurora.objects.set.aside").count()).isEqualTo(1);

            s3.putObject(r -> r.bucket(bucket).key(bad), RequestBody.fromBytes(gzip(lines(order("g-2", now)))));
            LoadRun fixed = loader(bucket, db.dataSource, "one", meters).run();
            assertThat(fixed.objects()).as("re-uploaded with new content").isEqualTo(1);
            assertThat(Databases.rows(db.dataSource, "SELECT order_id FROM orders ORDER BY order_id")).containsExactly("g-1", "g-2", "g-3");
        }
    }

    /**
     * A GET cut short (the body ends early, or TLS fails mid-body) is S3's fault, not the object's:
     * the run stops, nothing is set aside or recorded as loaded, and the next run loads the object.
     */
    @Test
    void aGetCutShortStopsTheRunAndTheNextLoadsTheObject() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        put(bucket, "job-results", now, "cut-gz", lines(result("c-1", "Pending", now), result("c-2", "Pending", now)));
        try (Databases db = Databases.create()) {
            for (Function<InputStream, InputStream> fault : List.<Function<InputStream, InputStream>>of(EndingEarly::new,
                    FailingWithTls::new)) {
                AuroraLoader cut = AuroraLoaders.create(s3, bucket, db.dataSource,
                        new RowLoader(cuttingGets(fault), bucket, db.dataSource, 100), "one", 60, new SimpleMeterRegistry());
                assertThatThrownBy(cut::run); // the run stops
                assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM load_manifest")).as("nothing set aside or loaded")
                        .containsExactly("0");
            }
            put(bucket, "orders", now, "cut-plain", lines(order("c-3", now), order("c-4", now)));
            AuroraLoader cut = AuroraLoaders.create(s3, bucket, db.dataSource,
                    new RowLoader(cuttingGets(EndingEarly::new), bucket, db.dataSource, 100), "one", 60, new SimpleMeterRegistry());
            assertThatThrownBy(cut::run); // a plain object cut short is not taken for a shorter one
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM load_manifest")).containsExactly("0");

            LoadRun next = loader(bucket, db.dataSource, "one").run();
            assertThat(next.objects()).isEqualTo(2);
            assertThat(next.setAside()).isZero();
            assertThat(Databases.rows(db.dataSource, "SELECT order_id FROM orders ORDER BY order_id")).containsExactly("c-3", "c-4");
        }
    }

    /** A gzip cut short when it was written (S3 holds all of it, and it ends early) is the object's fault. */
    @Test
    void aGzipTruncatedInS3IsSetAside() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        byte[] whole = gzip(lines(order("t-1", now), order("t-2", now)));
        String key = ArchiveLayout.key("orders", now, "shardId-000000000000", "truncated", 0, true);
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(Arrays.copyOf(whole, whole.length / 2)));
        try (Databases db = Databases.create()) {
            LoadRun run = loader(bucket, db.dataSource, "one").run();
            assertThat(run.setAside()).isEqualTo(1);
            assertThat(Databases.rows(db.dataSource, "SELECT load_error FROM load_manifest")).singleElement().asString()
                    .contains("Unexpected end of ZLIB input stream");
        }
    }

    /**
     * An object that takes longer to load than the lease's expiry: the heartbeat keeps the lease, so
     * another instance cannot start loading beside the run, and the run finishes.
     */
    @Test
    void aRunLongerThanTheLeaseExpiryKeepsTheLease() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        put(bucket, "orders", now, "slow-1", lines(order("s-1", now)));
        put(bucket, "orders", now, "slow-2", lines(order("s-2", now)));
        try (Databases db = Databases.create()) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            RowLoader rows = new RowLoader(s3, bucket, db.dataSource, 100);
            ObjectLoader slow = object -> {
                loading.countDown();
                finish.await();
                return rows.load(object);
            };
            AuroraLoader loader = AuroraLoaders.create(s3, bucket, db.dataSource, slow, "slow", 2, new SimpleMeterRegistry());
            CompletableFuture<LoadRun> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return loader.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(loading.await(30, TimeUnit.SECONDS)).isTrue();
            LoadLease other = new LoadLease(db.dataSource, "other", 2);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> !other.acquire());
            finish.countDown();
            assertThat(run.get(30, TimeUnit.SECONDS).objects()).isEqualTo(2);
            assertThat(other.acquire()).as("released at the end of the run").isTrue();
        }
    }

    @Test
    void aRunStopsBeforeTheNextObjectOnceAnotherInstanceTookTheLease() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        for (int i = 1; i <= 3; i++) {
            put(bucket, "orders", now, "taken-" + i, lines(order("t-" + i, now)));
        }
        try (Databases db = Databases.create()) {
            RowLoader rows = new RowLoader(s3, bucket, db.dataSource, 100);
            LoadLease thief = new LoadLease(db.dataSource, "thief", 3600);
            ObjectLoader takenMidway = object -> {
                try (java.sql.Connection connection = db.dataSource.getConnection(); java.sql.Statement expire =
                        connection.createStatement()) { // the run paused past its expiry, as if in a long GC pause
                    expire.executeUpdate("UPDATE load_lease SET leased_until = CURRENT_TIMESTAMP");
                }
                assertThat(thief.acquire()).isTrue();
                return rows.load(object);
            };
            AuroraLoader loader = AuroraLoaders.create(s3, bucket, db.dataSource, takenMidway, "paused", 30,
                    new SimpleMeterRegistry());
            assertThatThrownBy(loader::run).hasMessageContaining("another instance took the load lease");
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM load_manifest")).as("only the object under way")
                    .containsExactly("1");
            assertThat(new LoadLease(db.dataSource, "other", 30).acquire()).as("the thief keeps it").isFalse();
        }
    }

    /**
     * Orders dated over the last 11 days and in 2017, through the archive writer into S3: every one
     * reaches the orders table, in objects that follow the volume (one per shard and flush), not the
     * spread of event hours.
     */
    @Test
    void everyArchivedOrderIsLoadedWhateverItsDateFromOneObjectPerShardAndFlush() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        try (Databases db = Databases.create()) {
            S3ArchiveWriter writer = writer(bucket, db.dataSource);
            int orders = 0;
            for (int batch = 0; batch < 15; batch++) {
                for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
                    List<UserRecord> records = new ArrayList<>();
                    for (int i = 0; i < 100; i++, orders++) {
                        Instant orderedAt = orders % 100 == 0 ? Instant.parse("2017-11-24T12:30:00Z")
                                : now.minus(Duration.ofDays(11).multipliedBy(orders).dividedBy(3000));
                        records.add(new UserRecord(shard, "d-" + orders, String.valueOf(1000 + batch * 100 + i), 0, now,
                                order("d-" + orders, orderedAt).getBytes(StandardCharsets.UTF_8)));
                    }
                    writer.handle(new RecordBatch("order-archive", "OrdersStream", shard, records));
                }
            }
            long objects = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().count();

            loader(bucket, db.dataSource, "one").run();

            List<String> loaded = Databases.rows(db.dataSource, "SELECT COUNT(*) FROM orders");
            assertSoftly(softly -> {
                softly.assertThat(loaded).as("orders in the database").containsExactly("3000");
                softly.assertThat(objects).as("3000 orders, 2 shards, flushes of 500: one object per shard and flush").isEqualTo(6);
            });
        }
    }

    /**
     * An archive consumer catching up after a long outage writes objects under arrival hours the
     * loader's listing has long passed: their hours are registered, so they are loaded all the same.
     */
    @Test
    void anObjectWrittenLongAfterItsArrivalHourIsLoaded() throws Exception {
        String bucket = bucket();
        Instant now = Instant.now();
        Instant arrived = now.minus(Duration.ofDays(3));
        try (Databases db = Databases.create()) {
            S3ArchiveWriter writer = writer(bucket, db.dataSource);
            writer.handle(new RecordBatch("order-archive", "OrdersStream", "shardId-000000000000",
                    List.of(new UserRecord("shardId-000000000000", "l-1", "1", 0, now, order("l-1", now).getBytes(StandardCharsets.UTF_8)))));
            writer.endOfShard("shardId-000000000000");
            assertThat(loader(bucket, db.dataSource, "one").run().objects()).isEqualTo(1);

            writer.handle(new RecordBatch("order-archive", "OrdersStream", "shardId-000000000001", List.of(
                    new UserRecord("shardId-000000000001", "l-2", "2", 0, arrived, order("l-2", now).getBytes(StandardCharsets.UTF_8)))));
            writer.endOfShard("shardId-000000000001");
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix(ArchiveLayout.hourPrefix("orders", arrived))).keyCount())
                    .as("written under its arrival hour").isEqualTo(1);

            assertThat(loader(bucket, db.dataSource, "one").run().objects()).isEqualTo(1);
            assertThat(Databases.rows(db.dataSource, "SELECT order_id FROM orders ORDER BY order_id")).containsExactly("l-1", "l-2");
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM archive_late_hour")).as("listed, so cleared").containsExactly("0");
            assertThat(loader(bucket, db.dataSource, "one").run().objects()).isZero();
        }
    }

    private AuroraLoader loader(String bucket, DataSource dataSource, String instance) {
        return loader(bucket, dataSource, instance, new SimpleMeterRegistry());
    }

    private AuroraLoader loader(String bucket, DataSource dataSource, String instance, SimpleMeterRegistry meters) {
        return AuroraLoaders.create(s3, bucket, dataSource, new RowLoader(s3, bucket, dataSource, 100), instance, 60, meters);
    }

    private S3ArchiveWriter writer(String bucket, DataSource dataSource) {
        return new S3ArchiveWriter("order-archive", ArchiveLayout.ORDERS,
                new S3ArchiveWriter.FlushPolicy(500, 50_000_000, Duration.ofHours(1)), false,
                new BatchDeduplicator(dataSource), DedupeKeys::order,
                object -> s3.putObject(r -> r.bucket(bucket).key(object.key()), RequestBody.fromBytes(object.content())),
                new LateArchiveHours(dataSource));
    }

    private String bucket() {
        String bucket = "aurora-test-" + (++buckets);
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** An archive object as the archive applications write it (gzip for job results, to cover both). */
    private void put(String bucket, String prefix, Instant hour, String name, String content) throws Exception {
        boolean gzip = prefix.equals("job-results");
        byte[] body = gzip ? gzip(content) : content.getBytes(StandardCharsets.UTF_8);
        String key = ArchiveLayout.key(prefix, hour, "shardId-000000000000", name, 0, gzip);
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));
    }

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** An S3 client whose GETs go through {@code fault}, like a connection that breaks mid-body. */
    private S3Client cuttingGets(Function<InputStream, InputStream> fault) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(s3, args);
                    if (result instanceof ResponseInputStream<?> body
                            && body.response() instanceof GetObjectResponse response) {
                        return new ResponseInputStream<>(response, fault.apply(body));
                    }
                    return result;
                });
    }

    /** A body that ends after half its bytes, as a connection closed early without an error. */
    private static final class EndingEarly extends FilterInputStream {

        private boolean halved;

        EndingEarly(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!halved) {
                byte[] all = in.readAllBytes();
                in = new ByteArrayInputStream(all, 0, all.length / 2);
                halved = true;
            }
            return in.read(b, off, len);
        }
    }

    /** A body whose TLS session fails after the first bytes. */
    private static final class FailingWithTls extends FilterInputStream {

        private boolean started;

        FailingWithTls(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (started) {
                throw new SSLException("Connection reset by peer during read");
            }
            started = true;
            return in.read(b, off, Math.min(len, 10));
        }
    }

    /** A data source whose connections fail once {@code lost} is set, like a database lost mid-load. */
    private static DataSource unless(AtomicBoolean lost, DataSource real) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && lost.get()) {
                        throw new java.sql.SQLException("connection lost");
                    }
                    return method.invoke(real, args);
                });
    }

    /** Loses the database (sets {@code lost}) when asked for a connection after the first {@code good} ones. */
    private static DataSource losingAfter(int good, AtomicBoolean lost, DataSource database) {
        AtomicInteger handed = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && handed.incrementAndGet() > good) {
                        lost.set(true);
                    }
                    return method.invoke(database, args);
                });
    }
}
