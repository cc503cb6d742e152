package com.chief.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.ChiefSettings;
import com.chief.consume.DeadLetters;
import com.chief.consume.UserRecord;
import com.chief.intake.IntakeFolders;
import com.chief.intake.OrderParser;
import com.chief.local.LocalCredentials;
import com.chief.sink.search.SearchEngine;
import com.chief.support.Databases;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The order trace over a real database and intake folders, with S3 and search down: each stage
 * says whether it found the order, a missing one says why, and hostile ids find nothing.
 */
class OrderTraceIT {

    @TempDir
    Path dir;

    private Databases databases;
    private S3Client s3;
    private OrderTrace trace;
    private DeadLetters deadLetters;

    @BeforeEach
    void start() throws Exception {
        databases = Databases.create();
        s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:1")).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY,
                        LocalCredentials.SECRET_KEY))).build();
        ChiefSettings.Search search = new ChiefSettings.Search(SearchEngine.values()[0], URI.create("http://127.0.0.1:1"), false, "", "",
                "chief-orders", "chief-job-status", "chief-job-history", "yyyy.MM", Duration.ofMinutes(5));
        deadLetters = new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry());
        DeadLetterShelf shelf = new DeadLetterShelf(deadLetters.dir());
        trace = new OrderTrace(new IntakeTrace(dir.resolve("archive/intake"), dir.resolve("rejected")), new ArchiveTrace(s3, "chief"),
                new SearchTrace(search), new DatabaseTrace(databases.dataSource), shelf, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        databases.close();
    }

    @Test
    void everyStageSaysWhetherItHasTheOrderAndAMissingOneSaysWhy() throws Exception {
        try (Connection connection = databases.dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO orders (order_id, customer, zone, ordered_at, raw_json) VALUES"
                    + " ('web-1', 'a@example.com', 'west', '2026-12-06 10:00:00', '{}'), ('web-10', 'b@example.com', 'west', '2026-12-06 10:00:00', '{}')");
            sql.executeUpdate("INSERT INTO tailor_job (order_id, customer, factory_id, robot_id, status, order_json, shard_id)"
                    + " VALUES ('web-1', 'a@example.com', 'factory-west', 'robot2', 'Completed', '{}', 'shardId-000000000001')");
            sql.executeUpdate("INSERT INTO notification_sent (order_id, status) VALUES ('web-1', 'Completed')");
        }
        Path day = Files.createDirectories(dir.resolve("archive/intake").resolve(DateTimeFormatter.ofPattern("yyyy/MM/dd")
                .withZone(ZoneOffset.UTC).format(Instant.now())));
        Files.writeString(day.resolve("orders-a.ndjson"), "{\"orderId\":\"web-10\"}\n{\"orderId\":\"web-1\"}\n");
        Files.writeString(day.resolve("orders-b.ndjson"), "{\"orderId\":\"web-10\"}\n"); // web-10 does not name web-1
        Files.createDirectories(dir.resolve("rejected"));
        Files.writeString(dir.resolve("rejected/orders-c.ndjson.rejects.ndjson"), "{\"file\":\"orders-c.ndjson\",\"record\":4,"
                + "\"reason\":\"INVALID_FIELD\",\"message\":\"bust: not a number\",\"raw\":\"{\\\"orderId\\\":\\\"web-1\\\",\\\"bust\\\":\\\"x\\\"}\","
                + "\"rejectedAt\":\"2026-12-06T10:00:00Z\"}\n");
        deadLetters.write("jobresult-search", new UserRecord("shardId-000000000001", "web-1", "42", 0, Instant.now(),
                "{\"orderId\":\"web-1\",\"status\":\"Completed\"}".getBytes(StandardCharsets.UTF_8)), "rejected by the search engine");

        JsonNode document = trace.trace("web-1");

        assertThat(document.path("found").asBoolean()).isTrue();
        assertThat(document.path("ordersRow").path("found").asBoolean()).isTrue();
        assertThat(document.path("ordersRow").path("zone").asText()).isEqualTo("west");
        assertThat(document.path("job").path("robot_id").asText()).isEqualTo("robot2");
        assertThat(document.path("job").path("factory_id").asText()).isEqualTo("factory-west");
        assertThat(document.path("notifications").path("sent")).hasSize(1);
        assertThat(document.path("jobResultEvents").path("found").asBoolean()).isFalse();
        assertThat(document.path("jobResultEvents").path("reason").asText()).contains("no job_result_events");
        assertThat(document.path("intake").path("acceptedIn")).singleElement()
                .satisfies(file -> assertThat(file.path("file").asText()).isEqualTo("orders-a.ndjson"));
        assertThat(document.path("intake").path("rejected")).singleElement()
                .satisfies(reject -> assertThat(reject.path("message").asText()).isEqualTo("bust: not a number"));
        assertThat(document.path("archive").path("found").asBoolean()).isFalse();
        assertThat(document.path("archive").path("reason").asText()).startsWith("archive unavailable");
        assertThat(document.path("archive").path("searchedHours")).isNotEmpty();
        assertThat(document.path("searchDocument").path("found").asBoolean()).isFalse();
        assertThat(document.path("searchDocument").path("reason").asText()).startsWith("search unavailable");
        assertThat(document.path("deadLetters").path("letters")).singleElement()
                .satisfies(letter -> assertThat(letter.path("application").asText()).isEqualTo("jobresult-search"));
    }

    @Test
    void anOrderWithoutAnIdOfItsOwnIsFoundByTheRecordItsIdWasDerivedFrom() throws Exception {
        String record = "{\"userid\":\"c@example.com\",\"gender\":\"F\",\"size\":\"M\"}";
        String derived = OrderParser.derivedId(record);
        try (Connection connection = databases.dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO orders (order_id, customer, zone, ordered_at, raw_json) VALUES ('" + derived
                    + "', 'c@example.com', 'west', '2026-12-06 10:00:00', '{}')");
        }
        Path day = Files.createDirectories(IntakeFolders.archivedOn(dir.resolve("archive/intake"), Instant.now()));
        Files.writeString(day.resolve("orders-d.ndjson"), "{\"orderId\":\"web-7\"}\n" + record + "\n");
        Files.writeString(day.resolve("orders-e.json"), "[\n" + record + ",\n{\"orderId\":\"web-8\"}\n]\n"); // an array, one per line

        assertThat(trace.trace(derived).path("intake").path("acceptedIn")).extracting(file -> file.path("file").asText())
                .containsExactlyInAnyOrder("orders-d.ndjson", "orders-e.json");
    }

    @Test
    void anOrderNowhereAndHostileIdsFindNothing() {
        for (String id : new String[] {"web-404", "' OR '1'='1", "../../etc/passwd", "web-1\" OR \"1\"=\"1", "*"}) {
            JsonNode document = trace.trace(id);
            assertThat(document.path("found").asBoolean()).as(id).isFalse();
            assertThat(document.path("ordersRow").path("found").asBoolean()).isFalse();
            assertThat(document.path("intake").path("found").asBoolean()).isFalse();
        }
        assertThat(OrderTrace.invalid("web-1\r\nX-Injected: 1")).isNotNull();
        assertThat(OrderTrace.invalid("w".repeat(74))).isNotNull();
        assertThat(OrderTrace.invalid(" ")).isNotNull();
        assertThat(OrderTrace.invalid("store-0123456789")).isNull();
    }
}
