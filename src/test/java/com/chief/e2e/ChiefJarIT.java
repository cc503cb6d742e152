package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.support.FreePorts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The packaged jar, started as a separate process the way the README says, judged only by what it serves and writes. */
class ChiefJarIT {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    @Test
    void startsHealthyArchivesADroppedOrderFileAndStopsWithoutLeavingProcesses() throws Exception {
        // an operator's YAML overlay: proves the YAML DSL and type converters work from the fat jar
        Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(workDir.resolve("routes/probe.camel.yaml"), """
                - route:
                    id: yaml-probe
                    from:
                      uri: file:data/inbox/yaml-probe
                      steps:
                        - setBody:
                            simple: "${bodyAs(String).toUpperCase()}"
                        - to: file:data/yaml-probe-out
                """);
        try (ChiefProcess chief = ChiefProcess.start(workDir, Map.of("CHIEF_ARCHIVE_MAX_AGE_MS", "1000"));
                S3Client s3 = ArchiveBucket.client(chief.ports.get("CHIEF_LOCAL_S3_PORT"))) {
            long started = System.nanoTime();
            awaitHealth(chief, 200);
            System.out.printf("Chief healthy %d ms after launch%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(chief.children()).as("the Kinesis emulator runs as a child process").isNotEmpty();

            Path inbox = workDir.resolve("data/inbox/orders");
            dropAtomically(inbox, "orders-1.json", """
                    [{"orderId":"e2e-1","userid":"a@example.com","gender":"M","size":"L","material":"linen","design":"aqua","activityTimestamp":"2026/11/22 04:00:00"},
                     {"orderId":"e2e-bad","userid":"b@example.com","gender":"F","size":"S","material":"lace","design":"aqua","activityTimestamp":"2026/11/22 04:00:00"},
                     {"orderId":"e2e-2","userid":"b@example.com","gender":"F","size":"S","material":"lace","design":"velvet","timestamp":"2026-11-22T04:01:00Z"},
                     {"orderId":"e2e-3","userid":"c@example.com","gender":"O","size":{"bust":"30","weight":"150","hip":"40","waist":"30"},"storeId":"store-01","material":"denim","design":"custom","timestamp":"2026-11-22T04:02:00Z"}]
                    """);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ArchiveBucket.finishedLines(s3, "orders/").size() == 3);
            String archived = String.join("\n", ArchiveBucket.finishedLines(s3, "orders/"));
            assertThat(archived).contains("\"orderId\":\"e2e-1\"", "\"orderId\":\"e2e-2\"", "\"orderId\":\"e2e-3\"");
            assertThat(ArchiveBucket.objects(s3, "orders/")).allSatisfy(object -> assertThat(object.key())
                    .matches("orders/\\d{4}/\\d{2}/\\d{2}/\\d{2}/shardId-\\d+-\\d+-\\d+\\.ndjson")); // the arrival hour
            assertThat(archived).doesNotContain("e2e-bad");
            assertThat(Files.readString(workDir.resolve("data/rejected/orders-1.json.rejects.ndjson")))
                    .contains("\"record\":2").contains("UNKNOWN_DESIGN").contains("not a design for gender F");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> objects(workDir.resolve("data/archive/intake")).size() == 1);
            assertThat(inbox.resolve("orders-1.json")).doesNotExist();

            dropAtomically(workDir.resolve("data/inbox/job-results"), "jobs-1.json", """
                    {"userId":"a@example.com","orderId":"e2e-1","factoryId":"factory1","robotId":"robot2","jobStatus":"Pending","timestamp":"2026/11/22 04:05:00"}
                    {"userId":"a@example.com","orderId":"e2e-1","factoryId":"factory1","robotId":"robot2","jobStatus":"Completed","timestamp":"2026/11/22 04:45:00"}
                    """);
            await().atMost(Duration.ofSeconds(20)).until(() -> chief.get("/observe/metrics").body()
                    .contains("chief_intake_records_total{inbox=\"job-results\",outcome=\"produced\"} 2.0"));

            dropAtomically(workDir.resolve("data/inbox/yaml-probe"), "hello.txt", "hello yaml");
            Path probeOut = workDir.resolve("data/yaml-probe-out/hello.txt");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(probeOut));
            assertThat(Files.readString(probeOut)).isEqualTo("HELLO YAML");

            assertThat(chief.get("/observe/metrics").body())
                    .contains("routeId=\"archive-put\"")
                    .contains("chief_intake_records_total{inbox=\"orders\",outcome=\"produced\"} 3.0")
                    .contains("chief_intake_rejects_total{inbox=\"orders\",reason=\"UNKNOWN_DESIGN\"} 1.0");
            HttpResponse<String> jolokia = chief.jolokia("/read/org.apache.camel:context=chief,type=context,name=%22chief%22/State");
            assertThat(jolokia.body()).contains("\"value\":\"Started\"");

            // another process can query the embedded MariaDB while Chief runs
            try (Connection connection = DriverManager.getConnection(chief.databaseUrl());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM chief_schema_history WHERE success")) {
                rows.next();
                assertThat(rows.getInt(1)).isPositive();
            }

            List<ProcessHandle> children = chief.children();
            assertThat(chief.terminate(Duration.ofSeconds(40))).as("exit code after SIGTERM").isIn(0, 130, 143);
            await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(chief.ports.values()).allSatisfy(port -> assertThat(FreePorts.isFree(port)).as("port " + port).isTrue());
            assertThat(chief.log()).contains("Chief is running (profile local)").doesNotContain("ERROR");
        }
    }

    @Test
    void anUnreachableSystemIsReportedDownWhileTheRestKeepsWorking() throws Exception {
        int closedPort = FreePorts.next();
        try (ChiefProcess chief = ChiefProcess.start(workDir, Map.of(
                "CHIEF_SEARCH_URL", "http://127.0.0.1:" + closedPort, "CHIEF_ARCHIVE_MAX_AGE_MS", "1000"));
                S3Client s3 = ArchiveBucket.client(chief.ports.get("CHIEF_LOCAL_S3_PORT"))) {
            HttpResponse<String> health = awaitHealth(chief, 503);
            assertThat(health.body())
                    .contains("\"name\":\"chief-search\",\"status\":\"DOWN\"")
                    .contains("search unavailable at 127.0.0.1:" + closedPort + ": connection refused")
                    .doesNotContain("chief-kinesis").doesNotContain("chief-s3");

            dropAtomically(workDir.resolve("data/inbox/orders"), "orders-2.json", "{\"orderId\":\"still-flowing\","
                    + "\"userid\":\"a@example.com\",\"gender\":\"M\",\"size\":\"L\",\"material\":\"linen\",\"design\":\"aqua\","
                    + "\"timestamp\":\"2026-11-22T04:00:00Z\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> ArchiveBucket.finishedLines(s3, "orders/").size() == 1);
            assertThat(chief.isAlive()).isTrue();

            // even a SIGKILLed Chief leaves no emulator behind: it watches its parent
            List<ProcessHandle> children = chief.children();
            assertThat(children).isNotEmpty();
            chief.kill();
            await().atMost(Duration.ofSeconds(15)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private static HttpResponse<String> awaitHealth(ChiefProcess chief, int status) {
        return await().atMost(STARTUP_LIMIT).pollInterval(Duration.ofMillis(500))
                .failFast("Chief exited:\n" + "see chief.log", () -> !chief.isAlive())
                .until(() -> chief.get("/observe/health"), r -> r != null && r.statusCode() == status);
    }

    private static void dropAtomically(Path inbox, String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path temp = inbox.resolve("." + name + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> objects(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

}
