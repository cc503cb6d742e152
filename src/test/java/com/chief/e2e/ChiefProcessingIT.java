package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.generate.OrderFiles;
import com.chief.generate.OrderGenerator;
import com.chief.intake.OrderParser;
import com.chief.intake.ParsedRecord;
import com.chief.intake.RawRecord;
import com.chief.kinesis.StreamReader;
import com.chief.kinesis.WarmUpRecord;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Orders with duplicates (repeated records, the same file dropped twice) through the packaged jar:
 * every unique valid order gets exactly one job-result sequence Pending, InProgress, Completed|Failed.
 */
class ChiefProcessingIT {

    @TempDir
    Path workDir;

    @Test
    void eachUniqueOrderGetsExactlyOneJobResultSequence() throws Exception {
        ReferenceData reference = ReferenceData.load(Path.of("reference-data.yaml"));
        List<String> records = new OrderGenerator(reference, 11, Clock.systemUTC()).generate(150, 50, 0.1, 0.05).records();
        OrderParser parser = new OrderParser(reference, Clock.systemUTC());
        Set<String> expected = new HashSet<>();
        long n = 0;
        long rejected = 0;
        for (String record : records) {
            if (parser.parse(RawRecord.value(++n, record)) instanceof ParsedRecord.Accepted a) {
                expected.add(a.id());
            } else {
                rejected++;
            }
        }
        Path staging = Files.createDirectories(workDir.resolve("staging"));
        Path file = OrderFiles.write(staging, "orders", records, records.size()).get(0);

        try (ChiefProcess chief = ChiefProcess.start(workDir, Map.of(
                "CHIEF_TAILOR_SPEED_FACTOR", "36000", "CHIEF_TAILOR_FAILURE_RATE", "0.1",
                "CHIEF_AURORA_CRON", "0/5 * * * * ?"))) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> chief.get("/observe/health"), r -> r != null && r.statusCode() == 200);
            Path inbox = workDir.resolve("data/inbox/orders");
            Files.copy(file, inbox.resolve(".first.tmp"));
            Files.move(inbox.resolve(".first.tmp"), inbox.resolve("first.json"), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve("first.json")));
            Files.copy(file, inbox.resolve(".again.tmp"));
            Files.move(inbox.resolve(".again.tmp"), inbox.resolve("the-same-file-again.json"), StandardCopyOption.ATOMIC_MOVE);

            try (KinesisClient kinesis = chief.kinesis()) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> finished(events(kinesis)).containsAll(expected));
                // any stray repeat would arrive within two seconds: the events must stay as they are
                Map<String, Map<String, Integer>> events = events(kinesis);
                await("no stray repeat").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                        .until(() -> events(kinesis).equals(events));
                assertThat(events.keySet()).isEqualTo(expected);
                events.forEach((order, statuses) -> {
                    assertThat(statuses.get("Pending")).as(order + " " + statuses).isEqualTo(1);
                    assertThat(statuses.get("InProgress")).as(order + " " + statuses).isEqualTo(1);
                    assertThat(statuses.getOrDefault("Completed", 0) + statuses.getOrDefault("Failed", 0))
                            .as(order + " " + statuses).isEqualTo(1);
                });
                System.out.printf("%d records (%d unique valid orders) dropped twice: one job-result sequence each%n",
                        records.size(), expected.size());
            }
            assertThat(chief.get("/observe/metrics").body()).contains("chief_dedupe_duplicates_total{application=\"order-factory\"}");

            // the notify application: one message per order and final status in the outbox
            Path outbox = workDir.resolve("data/outbox/customers");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> Files.isDirectory(outbox)
                    && Files.list(outbox).filter(f -> f.toString().endsWith(".eml")).count() == expected.size());
            try (var messages = Files.list(outbox)) {
                assertThat(messages.map(f -> f.getFileName().toString().replaceFirst("-(Completed|Failed)\\.eml$", "")))
                        .containsExactlyInAnyOrderElementsOf(expected);
            }

            // the search applications: one document per unique order, and every current status final
            String search = "http://127.0.0.1:" + chief.ports.get("CHIEF_LOCAL_SEARCH_PORT");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                http(search + "/_refresh", "POST", "");
                return count(search + "/chief-orders-*/_count", "{}") == expected.size()
                        && count(search + "/chief-job-status/_count",
                                "{\"query\":{\"terms\":{\"status\":[\"Completed\",\"Failed\"]}}}") == expected.size();
            });
            // the rejects of both files, indexed from their rejects files for the dashboards
            long rejectsOfTwoFiles = 2 * rejected;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                http(search + "/_refresh", "POST", "");
                return count(search + "/chief-rejects-*/_count", "{}") == rejectsOfTwoFiles;
            });

            // the Quartz-scheduled load: the archive in the database, one row per order, every status final
            String db = chief.databaseUrl();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    query(db, "SELECT COUNT(*) FROM orders") == expected.size()
                            && query(db, "SELECT COUNT(*) FROM order_status WHERE status_rank = 3") == expected.size());
            assertThat(query(db, "SELECT COUNT(*) FROM job_result_events")).isEqualTo(3L * expected.size());

            // every stage counts what it did (Prometheus)
            assertThat(chief.get("/observe/metrics").body())
                    .contains("chief_intake_records_total{inbox=\"orders\",outcome=\"produced\"}")
                    .contains("chief_intake_rejects_total{inbox=\"orders\",reason=")
                    .contains("chief_dedupe_duplicates_total{application=")
                    .contains("chief_archive_records_total{application=\"order-archive\"}")
                    .contains("chief_search_items_total{outcome=\"indexed\",writer=\"order-search\"}")
                    .contains("chief_notifications_total{outcome=\"sent\"")
                    .contains("chief_aurora_rows_total{result=\"inserted\"}")
                    .contains("chief_consumer_lag_ms{application=\"order-factory\"")
                    .contains("chief_tailor_jobs_total{");
            chief.terminate(Duration.ofSeconds(40));
        }
    }

    private static long query(String jdbcUrl, String sql) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl);
                var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long count(String url, String query) throws Exception {
        return Json.MAPPER.readTree(http(url, "POST", query)).path("count").asLong();
    }

    private static String http(String url, String method, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** orderId -> status -> how many events. */
    private static Map<String, Map<String, Integer>> events(KinesisClient kinesis) throws Exception {
        Map<String, Map<String, Integer>> events = new HashMap<>();
        for (var record : StreamReader.userRecords(StreamReader.kinesisRecords(kinesis, "JobResultsStream"))) {
            if (WarmUpRecord.is(record.partitionKey())) {
                continue;
            }
            JsonNode result = Json.MAPPER.readTree(java.nio.charset.StandardCharsets.UTF_8.decode(record.data()).toString());
            events.computeIfAbsent(result.get("orderId").asText(), k -> new HashMap<>())
                    .merge(result.get("status").asText(), 1, Integer::sum);
        }
        return events;
    }

    private static Set<String> finished(Map<String, Map<String, Integer>> events) {
        Set<String> done = new HashSet<>();
        events.forEach((order, statuses) -> {
            if (statuses.containsKey("Completed") || statuses.containsKey("Failed")) {
                done.add(order);
            }
        });
        return done;
    }
}
