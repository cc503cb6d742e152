package com.chief.sink.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.config.SearchClients;
import com.chief.kinesis.BatchDeduplicator;
import com.chief.kinesis.DeadLetters;
import com.chief.kinesis.DedupeKeys;
import com.chief.kinesis.RecordBatch;
import com.chief.kinesis.UserRecord;
import com.chief.local.LocalStack;
import com.chief.model.Json;
import com.chief.support.TestSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.RestClient;
import org.opensearch.client.opensearch.core.BulkRequest;

/** The search applications' writer through the camel-opensearch route into a real OpenSearch. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexWriterIT {

    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong sequence = new AtomicLong();
    private ChiefSettings settings;
    private LocalStack stack;
    private HikariDataSource db;
    private RestClient rest;
    private DefaultCamelContext camel;
    private SearchIndexWriter orders;
    private SearchIndexWriter jobResults;

    @BeforeAll
    void start() throws Exception {
        settings = TestSettings.local(dir, Map.of("chief.kinesis.endpoint", "http://127.0.0.1:1", "chief.s3.endpoint", "http://127.0.0.1:1"));
        stack = new LocalStack(settings);
        stack.start();
        put("/_index_template/chief-orders", read("search/chief-orders.index-template.json"));
        put("/_index_template/chief-job-status", read("search/chief-job-status.index-template.json"));
        put("/_index_template/chief-job-history", read("search/chief-job-history.index-template.json"));
        db = DataSources.create(new ChiefSettings.Database(settings.database().url(), "", "", true));
        DatabaseMigrations.migrate(db);
        rest = SearchClients.rest(settings);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("searchClient", rest);
        camel.addRoutes(new SearchRoutes());
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        @SuppressWarnings("unchecked")
        SearchIndexWriter.Bulk bulk = operations -> template.requestBody("direct:search-bulk",
                new BulkRequest.Builder().operations(operations), List.class);
        SearchDocuments documents = new SearchDocuments("chief-orders", "chief-job-status", "chief-job-history");
        BatchDeduplicator dedupe = new BatchDeduplicator(db);
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry());
        orders = new SearchIndexWriter("order-search", dedupe, DedupeKeys::order, documents::order, bulk, deadLetters);
        jobResults = new SearchIndexWriter("jobresult-search", dedupe, DedupeKeys::jobResult, documents::jobResult, bulk, deadLetters);
    }

    @AfterAll
    void stop() throws Exception {
        camel.stop();
        rest.close();
        db.close();
        stack.stop();
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
            assertThat(letter).contains("s-bad").contains("400").contains("mapper_parsing_exception");
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

    private URI url(String path) {
        return settings.search().url().resolve(path);
    }

    private void put(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void refresh() throws Exception {
        http.send(HttpRequest.newBuilder(url("/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String index, String id) throws Exception {
        return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(url("/" + index + "/_doc/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private long count(String index, String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/" + index + "/_count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body()).path("count").asLong();
    }

    private static String read(String resource) throws Exception {
        try (var in = SearchIndexWriterIT.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
