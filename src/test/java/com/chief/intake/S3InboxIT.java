package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.local.S3ProxyServer;
import com.chief.model.ReferenceData;
import com.chief.support.Databases;
import com.chief.support.TestSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 inbox against the embedded S3Proxy, with Chief's own wiring and route templates and a fake
 * producer: objects with valid records, a broken record, gzip and a zip; an object stays in the inbox
 * while Kinesis refuses its records and is archived once they are taken; two instances on one prefix
 * read each object once.
 */
class S3InboxIT {

    private static final String BUCKET = "chief-inbox";
    private static final String INBOX = "incoming/orders/";
    private static final String ARCHIVE = "intake/archive/";
    private static final String ERROR = "intake/error/";

    @TempDir
    Path dataDir;

    private ChiefSettings settings;
    private S3ProxyServer server;
    private S3Client s3;
    private Databases db;
    private final List<DefaultCamelContext> contexts = new ArrayList<>();

    @BeforeEach
    void startS3() {
        settings = TestSettings.local(dataDir, Map.of(
                "chief.intake.orders-s3-inbox", BUCKET + "/" + INBOX,
                "chief.intake.s3-poll-delay-ms", "200",
                "chief.intake.retry-delay-ms", "200",
                "chief.intake.max-attempts", "20"));
        server = new S3ProxyServer(settings.dataDir(), settings.localStack().s3Port());
        server.start();
        s3 = AwsClients.s3(settings);
        s3.createBucket(b -> b.bucket(BUCKET));
        db = Databases.create();
    }

    @AfterEach
    void stop() throws Exception {
        for (DefaultCamelContext context : contexts) {
            context.stop();
        }
        db.close();
        s3.close();
        server.close();
    }

    @Test
    void objectsAreProducedThenArchivedAndABadOneSetAside() throws Exception {
        put("valid.ndjson", IntakeHarness.orders("v", 20).getBytes(StandardCharsets.UTF_8));
        put("broken.ndjson", (IntakeHarness.orders("b", 10) + "{\"orderId\": \"broken\", \"customer\n").getBytes(StandardCharsets.UTF_8));
        put("sub/packed.ndjson.gz", gzip(IntakeHarness.orders("g", 15)));
        put("bad.zip", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        CountingProducer producer = new CountingProducer();
        start(producer, db.dataSource);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> keys(INBOX).isEmpty() && keys(ARCHIVE).size() == 3 && keys(ERROR).size() == 2);

        assertThat(keys(ARCHIVE)).as("archived under the day, with the key below the inbox prefix")
                .allMatch(key -> key.matches("intake/archive/\\d{4}/\\d{2}/\\d{2}/(valid\\.ndjson|broken\\.ndjson|sub/packed\\.ndjson\\.gz)"));
        assertThat(keys(ERROR)).containsExactlyInAnyOrder(ERROR + "bad.zip", ERROR + "bad.zip.reason.txt");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(ERROR + "bad.zip.reason.txt")).asUtf8String()).contains("zip");
        Path rejects = settings.intake().rejectedDir().resolve("broken.ndjson.rejects.ndjson");
        assertThat(Files.readAllLines(rejects)).as("the broken record, where file rejects go").hasSize(1);
        assertThat(perRecord(producer.keys)).hasSize(45).allSatisfy((key, times) -> assertThat(times).isEqualTo(1L));
        // several more listings: nothing is read again once archived
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> producer.keys.size() == 45);
        assertThat(Databases.rows(db.dataSource, "SELECT messageId FROM intake_file_lock")).as("locks left").isEmpty();
    }

    @Test
    void anObjectStaysInTheInboxUntilKinesisTookEveryRecord() throws Exception {
        put("retry.ndjson", IntakeHarness.orders("r", 10).getBytes(StandardCharsets.UTF_8));
        CountingProducer producer = new CountingProducer();
        producer.failing.set(true);
        start(producer, db.dataSource);

        await().atMost(Duration.ofSeconds(30)).until(() -> producer.refused.get() >= 30); // three attempts
        assertThat(keys(ARCHIVE)).as("not archived while records are refused").isEmpty();
        assertThat(keys(ERROR)).isEmpty();
        assertThat(keys(INBOX)).containsExactly(INBOX + "retry.ndjson");

        producer.failing.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> keys(ARCHIVE).size() == 1 && keys(INBOX).isEmpty());
        assertThat(perRecord(producer.keys)).as("each record acknowledged once, on the attempt that worked").hasSize(10)
                .allSatisfy((key, times) -> assertThat(times).isEqualTo(1L));
    }

    /** An object replaced under the same key while it is read is not archived unread: the conditional copy leaves it to be read. */
    @Test
    void anObjectReplacedWhileItIsReadIsReadAgainNotArchivedUnread() throws Exception {
        put("replaced.ndjson", IntakeHarness.orders("old", 5).getBytes(StandardCharsets.UTF_8));
        CountingProducer producer = new CountingProducer();
        producer.onFirst("old0", () -> put("replaced.ndjson", IntakeHarness.orders("new", 5).getBytes(StandardCharsets.UTF_8)));
        start(producer, db.dataSource);

        await().atMost(Duration.ofSeconds(30)).until(() -> producer.keys.contains("new4") && keys(INBOX).isEmpty()
                && keys(ARCHIVE).size() == 1);
        assertThat(perRecord(producer.keys).keySet()).containsExactlyInAnyOrder("old0", "old1", "old2", "old3", "old4",
                "new0", "new1", "new2", "new3", "new4");
        String archived = keys(ARCHIVE).get(0);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(archived)).asUtf8String()).as("the object archived is the one read last")
                .contains("new0");
    }

    @Test
    void twoInstancesReadEachObjectOnce() throws Exception {
        int objects = 12;
        int records = 30;
        for (int o = 0; o < objects; o++) {
            put("shared-" + o + ".ndjson", IntakeHarness.orders("s" + o + "-", records).getBytes(StandardCharsets.UTF_8));
        }
        CountingProducer first = new CountingProducer();
        CountingProducer second = new CountingProducer();
        // two instances share one database
        try (Databases shared = Databases.create();
                HikariDataSource otherPool = DataSources.create(new ChiefSettings.Database(shared.dataSource.getJdbcUrl(), "", "", false))) {
            start(first, shared.dataSource);
            start(second, otherPool);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> keys(INBOX).isEmpty() && keys(ARCHIVE).size() == objects);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> first.keys.size() + second.keys.size() == objects * records);

            List<String> all = new ArrayList<>(first.keys);
            all.addAll(second.keys);
            assertThat(perRecord(all)).hasSize(objects * records).allSatisfy((key, times) -> assertThat(times).isEqualTo(1L));
            assertThat(keys(ARCHIVE)).doesNotHaveDuplicates().allMatch(key -> !key.matches(".*\\.\\d{8}T.*"));
            System.out.printf("objects read per instance: %d, %d%n", first.keys.size() / records, second.keys.size() / records);
            for (DefaultCamelContext context : contexts) {
                context.stop();
            }
            contexts.clear();
            assertThat(Databases.rows(shared.dataSource, "SELECT messageId FROM intake_file_lock")).as("locks left").isEmpty();
        }
    }

    /** One Chief's intake: its own Camel context and producer, Chief's own wiring and route templates. */
    private void start(CountingProducer producer, DataSource dataSource) throws Exception {
        ReferenceData reference = ReferenceData.load(settings.intake().referenceData());
        contexts.add(IntakeHarness.start(settings, reference, producer, dataSource, Map.of("s3Client", s3)));
    }

    /** Acknowledges every record at once and remembers its key, or refuses every record while failing. */
    private static final class CountingProducer implements RecordProducer {
        final Queue<String> keys = new ConcurrentLinkedQueue<>();
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();
        private final Map<String, Runnable> onFirst = new java.util.concurrent.ConcurrentHashMap<>();

        /** Runs {@code action} when {@code partitionKey} is first sent. */
        void onFirst(String partitionKey, Runnable action) {
            onFirst.put(partitionKey, action);
        }

        @Override
        public CompletableFuture<ProducedRecord> send(String stream, String partitionKey, byte[] data) {
            Runnable action = onFirst.remove(partitionKey);
            if (action != null) {
                action.run();
            }
            if (failing.get()) {
                refused.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("Kinesis unavailable (test)"));
            }
            keys.add(partitionKey);
            return CompletableFuture.completedFuture(new ProducedRecord("shardId-000000000000", "1", 1));
        }

        @Override
        public void flush() {
        }
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private void put(String name, byte[] body) {
        s3.putObject(b -> b.bucket(BUCKET).key(INBOX + name), RequestBody.fromBytes(body));
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    private static Map<String, Long> perRecord(java.util.Collection<String> keys) {
        return keys.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
