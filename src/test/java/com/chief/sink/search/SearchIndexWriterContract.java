package com.chief.sink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chief.bootstrap.SearchTemplates;
import com.chief.config.ChiefSettings;
import com.chief.config.SearchClients;
import com.chief.consume.BatchDeduplicator;
import com.chief.consume.Checkpoint;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import com.chief.health.Probes;
import com.chief.model.Json;
import com.chief.sink.RetryDuration;
import com.chief.support.Databases;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search applications' writer through the search-bulk route into a real engine, the same
 * checks for each engine Chief supports (see the subclasses); index templates applied as at startup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchIndexWriterContract {

    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong sequence = new AtomicLong();
    private ChiefSettings.Search search;
    private Databases db;
    private AutoCloseable client;
    private DefaultCamelContext camel;
    private SearchIndexWriter orders;
    private SearchIndexWriter jobResults;
    private final SearchRefusals refusals = new SearchRefusals();

    /** Starts the engine and says how to reach it. */
    abstract ChiefSettings.Search startEngine(Path dir) throws Exception;

    abstract void stopEngine() throws Exception;

    @BeforeAll
    void start() throws Exception {
        search = startEngine(dir);
        SearchTemplates.apply(search);
        db = Databases.create();
        client = SearchClients.create(search);
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("chief.search.engine", search.engine().component());
        camel.getRegistry().bind("searchClient", client);
        camel.addRoutes(new SearchRoutes());
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        SearchIndexWriter.Bulk bulk = search.engine().bulk(body -> template.requestBody("direct:search-bulk", body, List.class));
        SearchDocuments documents = new SearchDocuments("chief-orders", "chief-job-status", "chief-job-history", "yyyy.MM");
        BatchDeduplicator dedupe = new BatchDeduplicator(db.dataSource);
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry());
        orders = new SearchIndexWriter("order-search", dedupe, DedupeKeys::order, documents::order, bulk, deadLetters, refusals,
                new RetryDuration("order-search", Duration.ofSeconds(2), new SimpleMeterRegistry()));
        jobResults = new SearchIndexWriter("jobresult-search", dedupe, DedupeKeys::jobResult, documents::jobResult, bulk, deadLetters,
                refusals, new RetryDuration("jobresult-search", search.retryDuration(), new SimpleMeterRegistry()));
    }

    @AfterAll
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
            client.close();
            db.close();
        }
        stopEngine();
    }

    @Test
    void theHealthProbeSeesTheClusterWithChiefsCredentialsAndNamesTheRefusalWithoutThem() throws Exception {
        assertThat(Probes.search(search).check()).startsWith("cluster ");
        ChiefSettings.Search wrong = new ChiefSettings.Search(search.engine(), search.url(), false, "intruder", "wrong",
                "chief-orders", "chief-job-status", "chief-job-history", "yyyy.MM", search.retryDuration());
        if (search.authorization().isPresent()) {
            assertThatThrownBy(() -> Probes.search(wrong).check()).hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void ordersAreIndexedOncePerOrderIdAndAMappingErrorIsDeadLetteredWhileTheRestIsIndexed() throws Exception {
        orders.handle(batch(order("s-1", "2026-11-22T10:00:00Z"), order("s-2", "2026-11-22T10:01:00Z"),
                record("s-bad", "{\"orderId\":\"s-bad\",\"orderedAt\":\"not a date\",\"customer\":\"x@y.z\"}"),
                order("s-1", "2026-11-22T10:00:00Z")));
        refresh();
        assertThat(count("chief-orders-*", "{\"query\":{\"prefix\":{\"orderId\":\"s-\"}}}")).isEqualTo(2);
        assertThat(get("chief-orders-2026.11", "s-1").path("found").asBoolean()).isTrue();
        try (Stream<Path> letters = Files.list(dir.resolve("dead-letter/order-search"))) {
            String letter = Files.readString(letters.findFirst().orElseThrow());
            assertThat(letter).contains("s-bad").contains("400").contains("orderedAt"); // the type differs: mapper_ or document_parsing_exception
        }
    }

    @Test
    void theCurrentStatusNeverMovesBackwardsAndEveryEventIsKept() throws Exception {
        jobResults.handle(batch(jobResult("j-1", "Pending", "10:00"), jobResult("j-1", "Completed", "10:30")));
        jobResults.handle(batch(jobResult("j-1", "InProgress", "10:10"))); // arrives late
        refresh();
        JsonNode current = get("chief-job-status", "j-1");
        assertThat(current.path("_source").path("status").asText()).isEqualTo("Completed");
        assertThat(count("chief-job-history-*", "{\"query\":{\"term\":{\"orderId\":\"j-1\"}}}")).isEqualTo(3);
    }

    @Test
    void aWriteBlockedIndexTakingNothingHoldsTheBatchWithNothingSetAsideUntilTheBlockIsLifted() throws Exception {
        orders.handle(batch(order("b-0", "2026-10-05T10:00:00Z")));
        setting("chief-orders-2026.10", "{\"index.blocks.write\":true}");
        RecordBatch blocked = batch(order("b-1", "2026-10-05T11:00:00Z"), order("b-2", "2026-10-05T12:00:00Z"));
        try {
            assertThatThrownBy(() -> orders.handle(blocked)).isInstanceOf(SystemUnavailableException.class)
                    .hasMessageContaining("cluster_block_exception");
            assertThatThrownBy(refusals::check).hasMessageContaining("order-search").hasMessageContaining("cluster_block_exception");
        } finally {
            setting("chief-orders-2026.10", "{\"index.blocks.write\":false}");
        }
        assertThat(orders.handle(blocked)).isEqualTo(blocked.last());
        refresh();
        assertThat(count("chief-orders-2026.10", "{\"query\":{\"prefix\":{\"orderId\":\"b-\"}}}")).isEqualTo(3);
        assertThat(refusals.check()).isEqualTo("bulk requests accepted");
        assertThat(deadLetters("order-search")).noneMatch(letter -> letter.contains("b-1") || letter.contains("b-2"));
    }

    @Test
    void anOrderForAWriteBlockedOldMonthIsRetriedWhileTheOthersAreIndexedThenDeadLetteredWithTheEnginesReason() throws Exception {
        orders.handle(batch(order("old-0", "2026-09-05T10:00:00Z")));
        setting("chief-orders-2026.09", "{\"index.blocks.write\":true}");
        RecordBatch mixed = batch(order("old-1", "2026-09-05T11:00:00Z"), order("new-1", "2026-11-05T11:00:00Z"));
        Checkpoint passed;
        try {
            assertThat(orders.handle(mixed)).as("the checkpoint waits for old-1").isNull();
            refresh();
            assertThat(get("chief-orders-2026.11", "new-1").path("found").asBoolean()).as("indexed at once").isTrue();
            passed = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> orders.idle("shardId-0"), checkpoint -> checkpoint != null);
        } finally {
            setting("chief-orders-2026.09", "{\"index.blocks.write\":false}");
        }
        assertThat(passed).isEqualTo(mixed.last());
        assertThat(deadLetters("order-search")).filteredOn(letter -> letter.contains("old-1")).singleElement().asString()
                .contains("cluster_block_exception").contains("while others were taken");
        refresh();
        assertThat(get("chief-orders-2026.09", "old-1").path("found").asBoolean()).isFalse();
    }

    private static List<String> deadLetters(String application) throws Exception {
        Path folder = dir.resolve("dead-letter").resolve(application);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> letters = new java.util.ArrayList<>();
            for (Path file : files.toList()) {
                letters.add(Files.readString(file));
            }
            return letters;
        }
    }

    private void setting(String index, String body) throws Exception {
        HttpResponse<String> response = http.send(request("/" + index + "/_settings")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private RecordBatch batch(UserRecord... records) {
        return new RecordBatch("test", "Stream", "shardId-0", List.of(records));
    }

    private UserRecord order(String id, String orderedAt) {
        return record(id, "{\"orderId\":\"" + id + "\",\"customer\":\"" + id + "@example.com\",\"gender\":\"F\",\"orderedAt\":\"" + orderedAt + "\"}");
    }

    private UserRecord jobResult(String id, String status, String time) {
        return record(id, "{\"orderId\":\"" + id + "\",\"customer\":\"a@b.co\",\"factoryId\":\"factory1\",\"robotId\":\"robot1\","
                + "\"status\":\"" + status + "\",\"timestamp\":\"2026-11-22T" + time + ":00Z\"}");
    }

    private UserRecord record(String key, String json) {
        return new UserRecord("shardId-0", key, String.valueOf(sequence.incrementAndGet()), 0, Instant.now(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(search.url().resolve(path)).header("Content-Type", "application/json");
        search.authorization().ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private void refresh() throws Exception {
        http.send(request("/_refresh").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String index, String id) throws Exception {
        return Json.MAPPER.readTree(http.send(request("/" + index + "/_doc/" + id).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private long count(String index, String query) throws Exception {
        HttpResponse<String> response = http.send(request("/" + index + "/_count")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body()).path("count").asLong();
    }
}
