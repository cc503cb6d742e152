package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.ChiefSettings;
import com.chief.local.LocalCredentials;
import com.chief.local.LocalStack;
import com.chief.support.TestSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * chief-aws.jar, the deployable of the aws profile: it holds neither the embedded stack nor the benchmarks,
 * runs Chief in the aws profile against servers it is pointed at (here the local stack's servers, started
 * by the test on 127.0.0.1, standing in for AWS), and refuses the local profile and the benchmarks with a message.
 */
class SlimJarIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path workDir;

    @Test
    void holdsNeitherTheLocalStackNorTheBenchmarks() throws IOException {
        List<String> entries;
        try (ZipFile jar = new ZipFile(ChiefProcess.awsJar().toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries).contains("com/chief/ChiefApplication.class", "com/chief/launch/AwsJar.class",
                "com/chief/launch/BoundedMalloc.class", "application-aws.properties",
                "org/opensearch/client/opensearch/OpenSearchClient.class"); // the search client stays, the server goes
        assertThat(entries.stream().filter(name -> !name.endsWith("/"))).noneMatch(name -> name.startsWith("com/chief/local/")
                || name.startsWith("com/chief/bench/")
                || name.startsWith("chief/") // kinesalite, dynalite and their node_modules
                || name.startsWith("ch/vorburger/") // the MariaDB server
                || name.startsWith("org/gaul/") // S3Proxy
                || name.startsWith("org/apache/lucene/")
                || name.startsWith("org/opensearch/") && !name.startsWith("org/opensearch/client/"));
        try (ZipFile full = new ZipFile(ChiefProcess.jar().toFile())) {
            assertThat(full.getEntry("com/chief/local/LocalStack.class")).as("chief.jar keeps the local stack").isNotNull();
        }
        System.out.printf("chief.jar %d bytes, chief-aws.jar %d bytes%n",
                Files.size(ChiefProcess.jar()), Files.size(ChiefProcess.awsJar()));
    }

    @Test
    void refusesTheLocalProfileAndTheBenchmarksWithAMessage() throws Exception {
        // each run: CHIEF_PROFILE ("" = unset, which means local), then the arguments
        for (List<String> run : List.of(List.of("local"), List.of(""), List.of("", "bench-pipeline"), List.of("aws", "bench-producer"))) {
            String profile = run.get(0);
            ProcessBuilder builder = new ProcessBuilder(ChiefProcess.command(ChiefProcess.awsJar(),
                    run.subList(1, run.size()).toArray(String[]::new))).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().remove("CHIEF_PROFILE");
            if (!profile.isEmpty()) {
                builder.environment().put("CHIEF_PROFILE", profile);
            }
            Process process = builder.start();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(run + " exits at once").isTrue();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(run + ": " + output).isEqualTo(2);
                assertThat(output).as(run.toString())
                        .contains("This is the aws jar (chief-aws.jar): the local profile and benchmarks are in chief.jar.")
                        .doesNotContain("Exception").doesNotContain("Error");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void runsTheAwsProfileAgainstConfiguredServersAndLandsADroppedOrderInTheSinks() throws Exception {
        // the local stack's servers in this JVM and its children, standing in for AWS: Kinesis (and STS for the KPL)
        // on kinesalite, DynamoDB for the KCL's leases on dynalite, S3 on S3Proxy, OpenSearch, MariaDB
        ChiefSettings servers = TestSettings.local(workDir.resolve("servers"), Map.of("chief.consumer.engine", "kcl"));
        LocalStack stack = new LocalStack(servers);
        stack.start();
        try {
            Files.createDirectories(workDir.resolve("chief"));
            try (ChiefProcess chief = ChiefProcess.start(ChiefProcess.awsJar(), workDir.resolve("chief"), awsEnvironment(servers))) {
                try {
                    dropAndCount(chief, servers);
                } catch (Exception | AssertionError e) {
                    System.out.println("chief-aws.jar's log:\n" + chief.log());
                    throw e;
                }
            }
        } finally {
            stack.stop();
        }
    }

    private void dropAndCount(ChiefProcess chief, ChiefSettings servers) throws Exception {
        chief.awaitHealthy();

        Path inbox = workDir.resolve("chief/data/inbox/orders");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve(".orders-1.json.tmp"), """
                [{"orderId":"slim-1","userid":"a@example.com","gender":"M","size":"L","material":"linen","design":"aqua","timestamp":"2026-11-22T04:00:00Z"},
                 {"orderId":"slim-2","userid":"b@example.com","gender":"F","size":"S","material":"lace","design":"velvet","timestamp":"2026-11-22T04:01:00Z"}]
                """);
        Files.move(inbox.resolve(".orders-1.json.tmp"), inbox.resolve("orders-1.json"),
                StandardCopyOption.ATOMIC_MOVE);

        try (S3Client s3 = ArchiveBucket.client(servers.s3().endpoint().orElseThrow().getPort())) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                    .failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> ArchiveBucket.finishedLines(s3, "orders/").size() == 2 && searchCount(servers) == 2);
            assertThat(String.join("\n", ArchiveBucket.finishedLines(s3, "orders/"))).contains("\"orderId\":\"slim-1\"", "\"orderId\":\"slim-2\"");
        }
        try (Connection connection = DriverManager.getConnection(servers.database().url(), "root", null);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM chief_schema_history WHERE success")) {
            rows.next();
            assertThat(rows.getInt(1)).as("Flyway migrated the database from chief-aws.jar").isPositive();
        }

        // an operator's command from the same jar
        ProcessBuilder traceCommand = new ProcessBuilder(ChiefProcess.command(ChiefProcess.awsJar(), "trace", "slim-1"))
                .redirectErrorStream(true).directory(workDir.toFile());
        traceCommand.environment().put("CHIEF_MANAGEMENT_URL", chief.management("").toString());
        Process trace = traceCommand.start();
        try {
            assertThat(trace.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(trace.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(trace.exitValue()).as(output).isZero();
            assertThat(output).contains("slim-1");
        } finally {
            trace.destroyForcibly();
        }

        assertThat(chief.terminate(Duration.ofSeconds(40))).as("exit code after SIGTERM").isIn(0, 130, 143);
        assertThat(chief.log()).contains("Chief is running (profile aws)").doesNotContain("NoClassDefFoundError");
    }

    /** Chief in the aws profile, each system at a configured endpoint, credentials from the environment as on AWS. */
    private static Map<String, String> awsEnvironment(ChiefSettings servers) {
        ChiefSettings.LocalStackSettings ports = servers.localStack();
        Map<String, String> env = new HashMap<>();
        env.put("CHIEF_PROFILE", "aws");
        env.put("CHIEF_AWS_CREATE_RESOURCES", "true");
        env.put("AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY); // the servers' keys, through AWS's default chain
        env.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("CHIEF_KINESIS_ENDPOINT", "http://127.0.0.1:" + ports.kinesisPort());
        env.put("CHIEF_KINESIS_PRODUCER_ENDPOINT", "https://127.0.0.1:" + ports.kinesisTlsPort());
        env.put("CHIEF_KINESIS_PRODUCER_STS_ENDPOINT", "https://127.0.0.1:" + ports.stsPort());
        env.put("CHIEF_KINESIS_PRODUCER_VERIFY_CERTIFICATE", "false"); // the emulator's self-signed certificate
        env.put("CHIEF_DYNAMODB_ENDPOINT", servers.engine().dynamoDbEndpoint().orElseThrow().toString());
        env.put("CHIEF_S3_ENDPOINT", "http://127.0.0.1:" + ports.s3Port());
        env.put("CHIEF_S3_PATH_STYLE", "true");
        env.put("CHIEF_SEARCH_URL", servers.search().url().toString());
        env.put("CHIEF_DB_URL", servers.database().url());
        env.put("CHIEF_DB_USER", "root");
        env.put("CHIEF_ARCHIVE_MAX_AGE_MS", "1000");
        // the KCL's AWS timings take a fresh lease table's leases a minute or more after start: the local ones
        env.put("CHIEF_CONSUMER_KCL_FAILOVER_TIME_MS", "3000");
        env.put("CHIEF_CONSUMER_KCL_SHARD_SYNC_INTERVAL_MS", "1000");
        return env;
    }

    private static long searchCount(ChiefSettings servers) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(servers.search().url() + "/chief-orders-*/_count")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return -1;
        }
        return com.chief.model.Json.MAPPER.readTree(response.body()).path("count").asLong();
    }

}
