package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.generate.OrderFiles;
import com.chief.generate.OrderGenerator;
import com.chief.intake.OrderParser;
import com.chief.intake.ParsedRecord;
import com.chief.intake.RawRecord;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22's proof against the jar: 2,000 orders through every sink; then, behind Chief's back, the
 * orders search index is deleted, 100 {@code orders} rows and 50 {@code notification_sent} rows (the
 * notification records: without one Chief believes the customer was not told) are removed.
 * Reconciliation reports exactly those, repair restores them, and every sink counts exactly 2,000
 * again (the customers told once: one outbox message per order, under the same name).
 * A rebuild of the database through the jar's command then changes nothing.
 */
class ChiefReconcileIT {

    private static final int ORDERS = 2_000;
    private static final String USER = "operator";
    private static final String PASSWORD = "reconcile-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void reconciliationFindsExactlyWhatWasRemovedAndRepairRestoresIt() throws Exception {
        ReferenceData reference = ReferenceData.load(Path.of("reference-data.yaml"));
        List<String> records = new OrderGenerator(reference, 22, Clock.systemUTC()).generate(ORDERS / 2, ORDERS / 2, 0, 0).records();
        OrderParser parser = new OrderParser(reference, Clock.systemUTC());
        Set<String> expected = new HashSet<>();
        long n = 0;
        for (String record : records) {
            if (parser.parse(RawRecord.value(++n, record)) instanceof ParsedRecord.Accepted accepted) {
                expected.add(accepted.id());
            }
        }
        assertThat(expected).hasSize(ORDERS);
        Path file = OrderFiles.write(Files.createDirectories(workDir.resolve("staging")), "orders", records, records.size()).get(0);

        try (ChiefProcess chief = ChiefProcess.start(workDir, Map.of(
                "CHIEF_TAILOR_SPEED_FACTOR", "36000",
                "CHIEF_AURORA_CRON", "0/5 * * * * ?",
                "CHIEF_RECONCILE_CRON", "0 0 0 1 1 ? 2099", // only on demand here
                "CHIEF_RECONCILE_SETTLE_SECONDS", "15",
                "CHIEF_MANAGEMENT_USER", USER,
                "CHIEF_MANAGEMENT_PASSWORD", PASSWORD))) {
            chief.awaitHealthy();
            ChiefProcess.drop(file, workDir.resolve("data/inbox/orders"));
            String search = "http://127.0.0.1:" + chief.ports.get("CHIEF_LOCAL_SEARCH_PORT");
            String db = chief.databaseUrl();
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(3))
                    .failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> counts(search, db, chief), all -> all.values().stream().allMatch(c -> c == ORDERS));
            // past the settle margin: every hour is checked, none pending (the check is read-only)
            await("no hour within the settle margin").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> json(http("GET", chief.management("/ops/reconcile?from=3").toString(), null, login()))
                            .path("hoursPending").asInt() == 0);

            // behind Chief's back
            http("DELETE", search + "/chief-orders-*", null, null);
            Set<String> rowsRemoved = new TreeSet<>();
            Set<String> notificationsRemoved = new TreeSet<>();
            try (Connection connection = DriverManager.getConnection(db)) {
                rowsRemoved.addAll(ids(connection, "SELECT order_id FROM orders ORDER BY order_id LIMIT 100"));
                connection.createStatement().executeUpdate("DELETE FROM orders WHERE order_id IN (" + quoted(rowsRemoved) + ")");
                notificationsRemoved.addAll(ids(connection,
                        "SELECT CONCAT(order_id, ':', status) FROM notification_sent ORDER BY order_id DESC LIMIT 50"));
                connection.createStatement().executeUpdate("DELETE FROM notification_sent WHERE CONCAT(order_id, ':', status) IN ("
                        + quoted(notificationsRemoved) + ")");
            }

            long started = System.nanoTime();
            JsonNode found = json(http("GET", chief.management("/ops/reconcile?from=3").toString(), null, login()));
            long checkMs = (System.nanoTime() - started) / 1_000_000;
            System.out.println("reconcile (check, " + checkMs + " ms): " + summary(found));
            assertThat(found.path("hoursPending").asInt()).isZero();
            assertThat(found.path("archivedOrders").asInt()).isEqualTo(ORDERS);
            assertThat(found.path("archivedFinalStatuses").asInt()).isEqualTo(ORDERS);
            JsonNode sinks = found.path("sinks");
            assertThat(sinks.path("search").path("missing").asInt()).isEqualTo(ORDERS); // the index, no status lost
            assertThat(sinks.path("database").path("missing").asInt()).isEqualTo(100);
            assertThat(texts(sinks.path("database").path("missingIds"))).isEqualTo(rowsRemoved);
            assertThat(sinks.path("notifications").path("missing").asInt()).isEqualTo(50);
            assertThat(texts(sinks.path("notifications").path("missingIds"))).isEqualTo(notificationsRemoved);
            for (String sink : List.of("search", "database", "notifications")) {
                assertThat(sinks.path(sink).path("extra").asInt()).as(sink + " extra").isZero();
            }
            assertThat(chief.get("/observe/metrics").body()).contains("chief_reconcile_missing{sink=\"database\"} 100.0");

            // with a login configured, every operation needs it
            assertThat(http("POST", chief.management("/ops/reconcile?from=3&repair=true").toString(), null, null).statusCode())
                    .isEqualTo(401);
            started = System.nanoTime();
            JsonNode repaired = json(http("POST", chief.management("/ops/reconcile?from=3&repair=true").toString(), null, login()));
            long repairMs = (System.nanoTime() - started) / 1_000_000;
            System.out.println("reconcile (repair, " + repairMs + " ms): " + summary(repaired));
            for (String sink : List.of("search", "database", "notifications")) {
                assertThat(repaired.path("sinks").path(sink).path("missingAfterRepair").asInt()).as(sink).isZero();
            }
            assertThat(repaired.path("sinks").path("database").path("repaired").asInt()).isEqualTo(100);
            assertThat(repaired.path("sinks").path("notifications").path("repaired").asInt()).isEqualTo(50);

            Map<String, Long> after = counts(search, db, chief);
            System.out.println("after repair: " + after);
            assertThat(after.values()).allMatch(c -> c == ORDERS);
            JsonNode again = json(http("GET", chief.management("/ops/reconcile?from=3").toString(), null, login()));
            for (String sink : List.of("search", "database", "notifications")) {
                assertThat(again.path("sinks").path(sink).path("missing").asInt()).as(sink).isZero();
                assertThat(again.path("sinks").path(sink).path("extra").asInt()).as(sink).isZero();
            }
            assertThat(json(http("GET", chief.management("/ops/reconcile/last").toString(), null, login())).path("checkedAt").asText())
                    .isEqualTo(again.path("checkedAt").asText());

            // a repaired order's trace shows every stage, each read from its sink
            String repairedOrder = rowsRemoved.iterator().next(); // its orders row and search document were restored
            JsonNode trace = json(http("GET", chief.management("/ops/orders/" + repairedOrder).toString(), null, login()));
            System.out.println("trace of repaired " + repairedOrder + ": " + trace);
            for (String stage : ChiefDeadLettersIT.STAGES) {
                assertThat(trace.path(stage).path("found").asBoolean()).as(stage + " of " + repairedOrder).isTrue();
            }

            // the rebuild command, against the running Chief: idempotent, the counts do not move
            ProcessBuilder rebuild = new ProcessBuilder(ChiefProcess.command(ChiefProcess.jar(), "rebuild", "database", "--from", "3"))
                    .redirectErrorStream(true);
            rebuild.environment().put("CHIEF_MANAGEMENT_URL", chief.management("").toString());
            rebuild.environment().put("CHIEF_MANAGEMENT_USER", USER);
            rebuild.environment().put("CHIEF_MANAGEMENT_PASSWORD", PASSWORD);
            Process command = rebuild.start();
            String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("rebuild database:\n" + output);
            assertThat(command.waitFor()).as(output).isZero();
            assertThat(output).contains("\"state\":\"done\"").contains("\"inserted\":0");
            assertThat(counts(search, db, chief).values()).allMatch(c -> c == ORDERS);
            chief.terminate(Duration.ofSeconds(40));
        }
    }

    private static String login() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String summary(JsonNode report) {
        Map<String, String> sinks = new HashMap<>();
        report.path("sinks").fields().forEachRemaining(e -> sinks.put(e.getKey(), "missing " + e.getValue().path("missing")
                + ", extra " + e.getValue().path("extra") + ", repaired " + e.getValue().path("repaired")));
        return "hours read " + report.path("hoursRead") + ", objects " + report.path("objectsRead") + ", orders "
                + report.path("archivedOrders") + ", final statuses " + report.path("archivedFinalStatuses") + ", took "
                + report.path("tookMs") + " ms; " + sinks;
    }

    /** Every sink's count: orders in search and the database, final statuses in both, notification records, outbox messages. */
    private static Map<String, Long> counts(String search, String db, ChiefProcess chief) throws Exception {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        http("POST", search + "/_refresh", "", null);
        counts.put("search orders", count(search + "/chief-orders-*/_count", "{}"));
        counts.put("search final statuses", count(search + "/chief-job-status/_count",
                "{\"query\":{\"terms\":{\"status\":[\"Completed\",\"Failed\"]}}}"));
        try (Connection connection = DriverManager.getConnection(db)) {
            counts.put("orders rows", single(connection, "SELECT COUNT(*) FROM orders"));
            counts.put("final status rows", single(connection, "SELECT COUNT(*) FROM job_result_events WHERE status IN ('Completed', 'Failed')"));
            counts.put("notification_sent", single(connection, "SELECT COUNT(*) FROM notification_sent"));
        }
        Path outbox = chief.workDir.resolve("data/outbox/customers");
        try (var messages = Files.isDirectory(outbox) ? Files.list(outbox) : java.util.stream.Stream.<Path>empty()) {
            counts.put("outbox messages", messages.filter(f -> f.toString().endsWith(".eml")).count());
        }
        return counts;
    }

    private static long count(String url, String query) throws Exception {
        return Json.MAPPER.readTree(http("POST", url, query, null).body()).path("count").asLong();
    }

    private static long single(Connection connection, String sql) throws Exception {
        try (var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> ids(Connection connection, String sql) throws Exception {
        List<String> ids = new ArrayList<>();
        try (var rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static String quoted(Set<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id.replace("'", "''") + "'").toList());
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> http(String method, String url, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
