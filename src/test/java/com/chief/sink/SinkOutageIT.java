package com.chief.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.bootstrap.SearchTemplates;
import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.config.SearchClients;
import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.CheckpointStore;
import com.chief.consume.ConsumerMetrics;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.PollingStreamConsumer;
import com.chief.kinesis.ProducedRecord;
import com.chief.local.OpenSearchServer;
import com.chief.local.S3ProxyServer;
import com.chief.model.Json;
import com.chief.sink.s3.ArchiveRoutes;
import com.chief.sink.s3.LateArchiveHours;
import com.chief.sink.s3.S3ArchiveWriter;
import com.chief.sink.search.SearchDocuments;
import com.chief.sink.search.SearchEngine;
import com.chief.sink.search.SearchIndexWriter;
import com.chief.sink.search.SearchRefusals;
import com.chief.sink.search.SearchRoutes;
import com.chief.support.Databases;
import com.chief.support.KinesisFixture;
import com.chief.support.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The order-archive and order-search applications against a real S3Proxy and a real OpenSearch
 * that are stopped while orders keep coming, then started again: no checkpoint moves during the
 * outage, and afterwards every order is in the archive once and in the index once.
 */
class SinkOutageIT {

    private static final int BEFORE = 300;
    private static final int DURING = 300;
    private static final List<String> APPLICATIONS = List.of("order-archive", "order-search");
    /** Failed writes each application makes on each shard during the outage before the held checkpoints are compared. */
    private static final int FAILED_WRITES = 3;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void archiveAndSearchLoseNothingWhileTheirSystemsAreDownAndHoldTheirCheckpoints() throws Exception {
        ChiefSettings settings = TestSettings.local(dir.resolve("sinks"), Map.of("chief.kinesis.endpoint", "http://127.0.0.1:1"));
        ChiefSettings.LocalStackSettings ports = settings.localStack();
        S3ProxyServer s3Server = new S3ProxyServer(settings.dataDir(), ports.s3Port());
        OpenSearchServer searchServer = new OpenSearchServer(settings.dataDir(), ports.searchPort(), ports.searchTransportPort());
        s3Server.start();
        searchServer.start();
        List<AutoCloseable> cleanup = new ArrayList<>();
        try (KinesisFixture fixture = new KinesisFixture(dir.resolve("kinesis"), 10_000);
                Databases db = Databases.create();
                S3Client s3 = AwsClients.s3(settings);
                AutoCloseable searchClient = SearchClients.create(settings.search());
                DefaultCamelContext camel = camel(settings, s3, searchClient)) {
            s3.createBucket(b -> b.bucket(settings.s3().bucket()));
            SearchTemplates.apply(settings.search());
            String stream = fixture.createStream("OutageOrders", 2);
            ProducerTemplate routes = camel.createProducerTemplate();
            BatchDeduplicator dedupe = new BatchDeduplicator(db.dataSource);
            S3ArchiveWriter archive = new S3ArchiveWriter("order-archive", "orders",
                    new S3ArchiveWriter.FlushPolicy(100, 1_000_000, Duration.ofSeconds(1)), false, dedupe, DedupeKeys::order,
                    object -> routes.requestBody("direct:archive-put", object), new LateArchiveHours(db.dataSource));
            SearchDocuments documents = new SearchDocuments("chief-orders", "chief-job-status", "chief-job-history", "yyyy.MM");
            DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry());
            SearchIndexWriter index = new SearchIndexWriter("order-search", dedupe, DedupeKeys::order, documents::order,
                    SearchEngine.OPENSEARCH.bulk(body -> routes.requestBody("direct:search-bulk", body, List.class)),
                    deadLetters, new SearchRefusals(), new RetryDuration("order-search", Duration.ofMinutes(5), new SimpleMeterRegistry()));
            CheckpointStore checkpoints = new CheckpointStore(db.dataSource);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            for (var app : List.of(consumer(fixture, stream, checkpoints, "order-archive", archive, deadLetters, meters),
                    consumer(fixture, stream, checkpoints, "order-search", index, deadLetters, meters))) {
                app.start();
                cleanup.add(app::stop);
            }

            Map<String, String> ends = produce(fixture, stream, 0, BEFORE);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> archived(s3, settings).size() == BEFORE && indexed(settings) == BEFORE);
            // the checkpoints are saved just after the writes: both applications at the end of both shards
            Map<String, String> held = await("checkpoints at the shards' ends").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> checkpoints(db), all -> atEnds(all, ends));

            s3Server.close();
            searchServer.close();
            produce(fixture, stream, BEFORE, BEFORE + DURING);
            await("several failed writes of each application on each shard").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("a checkpoint moved while S3 and search are down", () -> !checkpoints(db).equals(held))
                    .until(() -> ends.keySet().stream().allMatch(shard -> APPLICATIONS.stream()
                            .allMatch(app -> retries(meters, app, shard) >= FAILED_WRITES)));
            assertThat(checkpoints(db)).as("no checkpoint moves while S3 and search are down").isEqualTo(held);

            s3Server = new S3ProxyServer(settings.dataDir(), ports.s3Port());
            searchServer = new OpenSearchServer(settings.dataDir(), ports.searchPort(), ports.searchTransportPort());
            s3Server.start();
            searchServer.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> archived(s3, settings).size() >= BEFORE + DURING && indexed(settings) >= BEFORE + DURING);
            await("no late repeat").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> archived(s3, settings).size() == BEFORE + DURING && indexed(settings) == BEFORE + DURING);
            List<String> ids = archived(s3, settings);
            assertThat(ids).hasSize(BEFORE + DURING).doesNotHaveDuplicates();
            assertThat(indexed(settings)).isEqualTo(BEFORE + DURING);
            assertThat(checkpoints(db)).isNotEqualTo(held);
            assertThat(dir.resolve("dead-letter")).as("an outage is never blamed on a record").doesNotExist();
        } finally {
            for (AutoCloseable resource : cleanup) {
                resource.close();
            }
            s3Server.close();
            searchServer.close();
        }
    }

    private static DefaultCamelContext camel(ChiefSettings settings, S3Client s3, AutoCloseable searchClient) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties overrides = new Properties();
        overrides.put("chief.s3.bucket", settings.s3().bucket());
        camel.getPropertiesComponent().setOverrideProperties(overrides);
        camel.getRegistry().bind("s3Client", s3);
        camel.getRegistry().bind("searchClient", searchClient);
        camel.addRoutes(new ArchiveRoutes());
        camel.addRoutes(new SearchRoutes());
        camel.start();
        return camel;
    }

    private static PollingStreamConsumer consumer(KinesisFixture fixture, String stream, CheckpointStore checkpoints,
            String application, BatchHandler handler, DeadLetters deadLetters, SimpleMeterRegistry meters) {
        return new PollingStreamConsumer(new ConsumerSettings(application, stream, ShardIteratorType.TRIM_HORIZON, 500,
                Duration.ofMillis(200), 500, Duration.ofSeconds(2), 3), fixture.kinesis, checkpoints, handler,
                deadLetters, new ConsumerMetrics(meters));
    }

    /** Batches of an application's shard offered again after a failed write. */
    private static double retries(SimpleMeterRegistry meters, String application, String shard) {
        var counter = meters.find("chief.consumer.retries").tag("application", application).tag("shard", shard).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Every application's checkpoint at (or past: a KPL retry's repeat) the last record put on each shard. */
    private static boolean atEnds(Map<String, String> checkpoints, Map<String, String> ends) {
        return ends.entrySet().stream().allMatch(end -> APPLICATIONS.stream().allMatch(app -> {
            String checkpoint = checkpoints.get(app + "/" + end.getKey());
            return checkpoint != null
                    && new BigInteger(checkpoint.substring(0, checkpoint.indexOf('/'))).compareTo(new BigInteger(end.getValue())) >= 0;
        }));
    }

    /** Puts the orders and waits for Kinesis to take them all; the last sequence number put on each shard. */
    private static Map<String, String> produce(KinesisFixture fixture, String stream, int from, int to) throws Exception {
        List<CompletableFuture<ProducedRecord>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String json = "{\"orderId\":\"out-" + i + "\",\"customer\":\"c" + i + "@example.com\",\"gender\":\"F\","
                    + "\"orderedAt\":\"2026-11-22T10:00:00Z\"}";
            acks.add(fixture.producer.send(stream, "out-" + i, json.getBytes(StandardCharsets.UTF_8)));
        }
        fixture.producer.flush();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        Map<String, String> last = new TreeMap<>();
        for (CompletableFuture<ProducedRecord> ack : acks) {
            last.merge(ack.join().shardId(), ack.join().sequenceNumber(),
                    (a, b) -> new BigInteger(a).compareTo(new BigInteger(b)) >= 0 ? a : b);
        }
        return last;
    }

    /** The order ids of every line of every archive object. */
    private static List<String> archived(S3Client s3, ChiefSettings settings) throws Exception {
        List<String> ids = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(r -> r.bucket(settings.s3().bucket()).prefix("orders/")).contents()) {
            String body = s3.getObjectAsBytes(r -> r.bucket(settings.s3().bucket()).key(object.key())).asUtf8String();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    ids.add(Json.MAPPER.readTree(line).path("orderId").asText());
                }
            }
        }
        return ids;
    }

    private long indexed(ChiefSettings settings) throws Exception {
        var url = settings.search().url();
        http.send(HttpRequest.newBuilder(url.resolve("/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/chief-orders-*/_count")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body()).path("count").asLong();
    }

    /** application/shard -> sequence/sub-sequence. */
    private static Map<String, String> checkpoints(Databases db) throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Connection connection = db.dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT application, shard_id, sequence_number, sub_sequence FROM kinesis_checkpoint")) {
            while (rows.next()) {
                all.put(rows.getString(1) + "/" + rows.getString(2), rows.getString(3) + "/" + rows.getLong(4));
            }
        }
        return all;
    }
}
