package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.generate.OrderFiles;
import com.chief.generate.OrderGenerator;
import com.chief.intake.OrderParser;
import com.chief.intake.ParsedRecord;
import com.chief.intake.RawRecord;
import com.chief.local.LocalCredentials;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.chief.support.MariaDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Issue 13, "Proof": three Chief jars on one stack with the {@code kcl} engine. Instance 1 runs the embedded
 * servers (Kinesis emulator, S3Proxy, OpenSearch, dynalite); instances 2 and 3 point at them; all three
 * share one MariaDB database and the DynamoDB lease tables, each has its own data dir and worker id. 5,000 orders
 * go into instance 1's inbox (OrdersStream has 4 shards); the leases spread over the three workers (read from the
 * lease tables); the instance among 2 and 3 holding more leases is SIGKILLed mid-flow; its leases are taken over.
 * Then every order is counted in every sink: once in S3, search, {@code orders} (after the Aurora load) and the
 * notifications (webhook, by Idempotency-Key), and one Pending/InProgress/final lifecycle per order in the S3
 * job-result archive and in {@code job_result_events}.
 */
// not in the default run: three jars and the embedded stack take 3-5 minutes on two cores (docs/operations.md, Running several instances)
@Tag("scale-out")
class ChiefScaleOutIT {

    private static final int ORDERS = 5_000;
    private static final List<String> APPLICATIONS = List.of("order-factory", "order-archive", "order-search",
            "jobresult-archive", "jobresult-search", "jobresult-notify");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps the three Chiefs' logs and data
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebhookReceiver webhook = new WebhookReceiver();
    private final Map<String, AtomicInteger> deliveries = webhook.deliveries();
    private final List<ChiefProcess> chiefs = new ArrayList<>();
    private String database;
    private int searchPort;

    @Test
    void threeInstancesShareTheLeasesAndSurviveTheLossOfOne() throws Exception {
        ReferenceData reference = ReferenceData.load(Path.of("reference-data.yaml"));
        List<String> records = new OrderGenerator(reference, 13, Clock.systemUTC()).generate(4200, 800, 0.0, 0.0).records();
        OrderParser parser = new OrderParser(reference, Clock.systemUTC());
        Set<String> expected = new HashSet<>();
        long n = 0;
        for (String record : records) {
            if (parser.parse(RawRecord.value(++n, record)) instanceof ParsedRecord.Accepted accepted) {
                expected.add(accepted.id());
            }
        }
        assertThat(expected).as("unique valid orders generated").hasSize(ORDERS);
        List<Path> files = OrderFiles.write(Files.createDirectories(workDir.resolve("staging")), "scale", records, 100);

        database = MariaDb.createDatabase();
        webhook.start();
        try {
            // --- instance 1: the embedded servers ---
            Map<String, String> common = new HashMap<>(Map.of(
                    "CHIEF_CONSUMER_ENGINE", "kcl",
                    "CHIEF_DB_URL", MariaDb.url(database),
                    "CHIEF_DB_USER", "root",
                    "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY,
                    "CHIEF_TAILOR_SPEED_FACTOR", "360000",
                    "CHIEF_TAILOR_PROMISE_HOURS", "1000000",
                    "CHIEF_ARCHIVE_MAX_AGE_MS", "1000",
                    "CHIEF_AURORA_CRON", "0/5 * * * * ?"));
            common.putAll(Map.of(
                    "CHIEF_NOTIFY_CHANNEL", "webhook",
                    "CHIEF_NOTIFY_WEBHOOK_URL", webhook.url()));
            ChiefProcess first = start(1, common);
            Map<String, Integer> servers = first.ports;
            searchPort = servers.get("CHIEF_LOCAL_SEARCH_PORT");
            Map<String, String> pointed = new HashMap<>(common);
            pointed.putAll(Map.of(
                    "CHIEF_KINESIS_ENDPOINT", "http://127.0.0.1:" + servers.get("CHIEF_LOCAL_KINESIS_PORT"),
                    "CHIEF_KINESIS_PRODUCER_ENDPOINT", "https://127.0.0.1:" + servers.get("CHIEF_LOCAL_KINESIS_TLS_PORT"),
                    "CHIEF_KINESIS_PRODUCER_STS_ENDPOINT", "https://127.0.0.1:" + servers.get("CHIEF_LOCAL_STS_PORT"),
                    "CHIEF_KINESIS_PRODUCER_VERIFY_CERTIFICATE", "false",
                    "CHIEF_S3_ENDPOINT", "http://127.0.0.1:" + servers.get("CHIEF_LOCAL_S3_PORT"),
                    "CHIEF_S3_PATH_STYLE", "true",
                    "CHIEF_SEARCH_URL", "http://127.0.0.1:" + searchPort,
                    "CHIEF_DYNAMODB_ENDPOINT", "http://127.0.0.1:" + servers.get("CHIEF_LOCAL_DYNAMODB_PORT")));
            // --- instances 2 and 3: pointed at instance 1's servers ---
            // measurement runs: -Dscaleout.instances=1|2 (no kill then); -Dscaleout.kill=false
            int instances = Integer.getInteger("scaleout.instances", 3);
            boolean kill = instances == 3 && Boolean.parseBoolean(System.getProperty("scaleout.kill", "true"));
            ChiefProcess second = instances >= 2 ? start(2, pointed) : null;
            ChiefProcess third = instances >= 3 ? start(3, pointed) : null;
            List<String> workers = java.util.stream.IntStream.rangeClosed(1, instances).mapToObj(ChiefScaleOutIT::workerId).toList();
            long instancesUp = System.nanoTime();

            try (DynamoDbClient dynamoDb = dynamoDb(servers.get("CHIEF_LOCAL_DYNAMODB_PORT"));
                    S3Client s3 = ArchiveBucket.client(servers.get("CHIEF_LOCAL_S3_PORT"))) {
                // --- leases spread over the three workers ---
                Set<String> everOwners = new HashSet<>();
                try {
                await("every lease held and each instance holding at least one").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .failFast("a Chief exited", () -> chiefs.stream().anyMatch(c -> !c.isAlive()))
                        .until(() -> {
                            Map<String, String> owners = leaseOwners(dynamoDb);
                            everOwners.addAll(owners.values());
                            return owners.size() == 4 * 3 + 2 * 3 && !owners.containsValue(null)
                                    && everOwners.containsAll(workers);
                        });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    System.out.println("SCALE-OUT leases: " + leaseOwners(dynamoDb) + "; ever held by " + everOwners);
                    throw e;
                }
                Map<String, String> spread = leaseOwners(dynamoDb);
                System.out.printf("SCALE-OUT all 18 leases held %.1f s after the last instance was healthy: %s%n",
                        seconds(instancesUp), perWorker(spread));

                // --- 5,000 orders into instance 1's inbox ---
                Path inbox = first.workDir.resolve("data/inbox/orders");
                long dropped = System.nanoTime();
                files.forEach(file -> ChiefProcess.drop(file, inbox));

                // --- mid-flow: SIGKILL the instance (2 or 3) holding more leases ---
                double takeover = -1;
                int notifiedAtKill = 0;
                if (kill) {
                    await("mid-flow").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                            .ignoreExceptionsInstanceOf(NoSuchKeyException.class) // seen once: a listed key missing a moment later, mid-replay
                            .until(() -> notified() >= 300 && ArchiveBucket.count(s3, "orders/") > 0);
                    Map<String, String> before = leaseOwners(dynamoDb);
                    int victim = count(before, workerId(2)) >= count(before, workerId(3)) ? 2 : 3;
                    Set<String> orphaned = new TreeSet<>();
                    before.forEach((lease, owner) -> {
                        if (workerId(victim).equals(owner)) {
                            orphaned.add(lease);
                        }
                    });
                    ChiefProcess dead = victim == 2 ? second : third;
                    List<ProcessHandle> children = dead.children();
                    dead.kill();
                    children.forEach(ProcessHandle::destroyForcibly); // the KPL daemon outlives a SIGKILLed JVM
                    long killed = System.nanoTime();
                    notifiedAtKill = notified();
                    System.out.printf("SCALE-OUT SIGKILL instance %d (%d customers notified so far) holding %d leases: %s%n",
                            victim, notifiedAtKill, orphaned.size(), orphaned);
                    assertThat(orphaned).as("the killed instance held leases").isNotEmpty();
                    await("the dead instance's leases taken over").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                            .until(() -> {
                                Map<String, String> now = leaseOwners(dynamoDb);
                                return orphaned.stream().allMatch(lease -> now.get(lease) != null && !now.get(lease).equals(workerId(victim)));
                            });
                    takeover = seconds(killed);
                    Map<String, String> after = leaseOwners(dynamoDb);
                    System.out.printf("SCALE-OUT leases of instance %d taken over %.1f s after the SIGKILL: %s%n", victim, takeover,
                            perWorker(after));
                }

                // --- everything settles ---
                List<ChiefProcess> alive = chiefs.stream().filter(ChiefProcess::isAlive).toList();
                double[] toS3 = {0};
                Map<String, Double> getRecords1 = new TreeMap<>();
                try {
                    await("every order in S3").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                            .ignoreExceptionsInstanceOf(NoSuchKeyException.class) // seen once: a listed key missing a moment later, mid-replay
                            .failFast("a Chief exited", () -> alive.stream().anyMatch(c -> !c.isAlive()))
                            .until(() -> s3Orders(s3).keySet().containsAll(expected));
                    toS3[0] = seconds(dropped);
                    await("everything settles").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3))
                            .ignoreExceptionsInstanceOf(NoSuchKeyException.class) // seen once: a listed key missing a moment later, mid-replay
                            .failFast("a Chief exited", () -> alive.stream().anyMatch(c -> !c.isAlive()))
                            .until(() -> settled(s3, expected));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    alive.forEach(c -> {
                        String log = c.log();
                        System.out.println(log.substring(Math.max(0, log.length() - 15_000)));
                    });
                    System.out.println(report(count(s3), expected));
                    throw e;
                }
                // GetRecords calls per shard while idle: two samples of every live instance's counters
                Map<String, Double> start = getRecords(alive);
                long sampled = System.nanoTime();
                Thread.sleep(20_000); // a measuring window: the rate of idle GetRecords calls over it
                Map<String, Double> end = getRecords(alive);
                double window = seconds(sampled);
                end.forEach((shard, calls) -> getRecords1.put(shard, (calls - start.getOrDefault(shard, 0.0)) / window));

                Counts counts = count(s3);
                System.out.println(report(counts, expected));
                System.out.printf("SCALE-OUT drop -> S3: %d orders in %.1f s (%.0f orders/s) with %d instances%s; uptime: %s%n",
                        ORDERS, toS3[0], ORDERS / toS3[0], instances, kill ? ", one killed mid-flow" : "", uptime());
                System.out.printf("SCALE-OUT takeover: %.1f s; GetRecords per second per shard (all applications, idle): %s%n",
                        takeover, getRecords1);
                verify(counts, expected);
                if (kill) {
                    assertThat(notifiedAtKill).as("killed mid-flow").isLessThan(ORDERS);
                }
                getRecords1.forEach((shard, rate) -> assertThat(rate).as("GetRecords/s on " + shard).isLessThan(5.0));
                for (ChiefProcess chief : alive) {
                    chief.terminate(Duration.ofSeconds(60));
                }
            }
        } finally {
            for (ChiefProcess chief : chiefs) {
                try {
                    chief.close();
                } catch (RuntimeException e) {
                    System.out.println("closing a Chief: " + e);
                }
            }
            keepLogs();
            webhook.close();
            MariaDb.dropDatabase(database);
        }
    }

    // ---------------------------------------------------------------- leases

    private static String workerId(int instance) {
        return "scale-out-" + instance;
    }

    /** "application/leaseKey" -> owner (null while unowned), over every application's lease table. */
    private static Map<String, String> leaseOwners(DynamoDbClient dynamoDb) {
        Map<String, String> owners = new TreeMap<>();
        for (String application : APPLICATIONS) {
            try {
                dynamoDb.scanPaginator(r -> r.tableName("chief-" + application).consistentRead(true)).items().forEach(item -> {
                    AttributeValue owner = item.get("leaseOwner");
                    owners.put(application + "/" + item.get("leaseKey").s(), owner == null ? null : owner.s());
                });
            } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
                // the table is not there yet
            }
        }
        return owners;
    }

    private static int count(Map<String, String> owners, String worker) {
        return (int) owners.values().stream().filter(worker::equals).count();
    }

    private static Map<String, Long> perWorker(Map<String, String> owners) {
        Map<String, Long> per = new TreeMap<>();
        owners.values().forEach(owner -> per.merge(String.valueOf(owner), 1L, Long::sum));
        return per;
    }

    // ---------------------------------------------------------------- counting

    private record Counts(Map<String, Integer> s3Orders, Map<String, Map<String, Integer>> s3Events, Map<String, Integer> searchOrders,
            long searchHits, Map<String, Integer> dbOrders, Map<String, Map<String, Integer>> dbEvents,
            Map<String, Map<String, Integer>> notifications, long deliveries) {
    }

    private boolean settled(S3Client s3, Set<String> expected) throws Exception {
        if (deliveries.size() < expected.size() || rows("SELECT COUNT(*) FROM orders") < expected.size()
                || rows("SELECT COUNT(*) FROM job_result_events") < 3L * expected.size()) {
            return false;
        }
        Counts c = count(s3);
        return c.s3Orders().keySet().containsAll(expected) && c.s3Events().size() >= expected.size()
                && c.s3Events().values().stream().mapToInt(ChiefScaleOutIT::sum).sum() >= 3 * expected.size()
                && c.searchOrders().keySet().containsAll(expected);
    }

    private Counts count(S3Client s3) throws Exception {
        Map<String, Map<String, Integer>> s3Events = new HashMap<>();
        for (String line : ArchiveBucket.lines(s3, "job-results/")) {
            JsonNode event = Json.MAPPER.readTree(line);
            s3Events.computeIfAbsent(event.path("orderId").asText(), k -> new HashMap<>()).merge(event.path("status").asText(), 1,
                    Integer::sum);
        }
        Map<String, Integer> searchOrders = new HashMap<>();
        String search = "http://127.0.0.1:" + searchPort;
        post(search + "/_refresh", "");
        JsonNode hits = Json.MAPPER.readTree(post(search + "/chief-orders-*/_search?size=10000",
                "{\"_source\":false,\"track_total_hits\":true,\"query\":{\"match_all\":{}}}")).path("hits");
        hits.path("hits").forEach(hit -> searchOrders.merge(hit.path("_id").asText(), 1, Integer::sum));
        Map<String, Integer> dbOrders = new HashMap<>();
        Map<String, Map<String, Integer>> dbEvents = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(MariaDb.url(database)); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT order_id, COUNT(*) FROM orders GROUP BY order_id")) {
                while (rows.next()) {
                    dbOrders.put(rows.getString(1), rows.getInt(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT order_id, status, COUNT(*) FROM job_result_events GROUP BY order_id, status")) {
                while (rows.next()) {
                    dbEvents.computeIfAbsent(rows.getString(1), k -> new HashMap<>()).put(rows.getString(2), rows.getInt(3));
                }
            }
        }
        Map<String, Map<String, Integer>> notifications = new HashMap<>();
        long delivered = 0;
        for (Map.Entry<String, AtomicInteger> message : deliveries.entrySet()) {
            String id = message.getKey().replaceAll("^<|@chief>$", ""); // <orderId.status@chief>
            int dot = id.lastIndexOf('.');
            notifications.computeIfAbsent(id.substring(0, dot), k -> new HashMap<>()).merge(id.substring(dot + 1), 1, Integer::sum);
            delivered += message.getValue().get();
        }
        return new Counts(s3Orders(s3), s3Events, searchOrders, hits.path("total").path("value").asLong(), dbOrders, dbEvents,
                notifications, delivered);
    }

    private static Map<String, Integer> s3Orders(S3Client s3) throws Exception {
        Map<String, Integer> s3Orders = new HashMap<>();
        for (String line : ArchiveBucket.lines(s3, "orders/")) {
            s3Orders.merge(Json.MAPPER.readTree(line).path("orderId").asText(), 1, Integer::sum);
        }
        return s3Orders;
    }

    private static String report(Counts c, Set<String> expected) {
        int unique = expected.size();
        StringBuilder out = new StringBuilder(String.format("%nScale-out: %d orders%n%-55s %9s %9s%n", unique, "count", "expected", "actual"));
        Map<String, long[]> rows = new java.util.LinkedHashMap<>();
        rows.put("S3 archive: orders (distinct ids)", new long[] {unique, c.s3Orders().size()});
        rows.put("S3 archive: order lines", new long[] {unique, sum(c.s3Orders())});
        rows.put("S3 archive: orders with one Pending/InProgress/final", new long[] {unique, sequences(c.s3Events())});
        rows.put("S3 archive: job-result lines", new long[] {3L * unique, sumNested(c.s3Events())});
        rows.put("search: chief-orders-* documents", new long[] {unique, c.searchHits()});
        rows.put("database: orders rows", new long[] {unique, sum(c.dbOrders())});
        rows.put("database: job_result_events rows", new long[] {3L * unique, sumNested(c.dbEvents())});
        rows.put("database: orders with one Pending/InProgress/final", new long[] {unique, sequences(c.dbEvents())});
        rows.put("notifications: messages (distinct Idempotency-Key)", new long[] {unique, sumNested(c.notifications())});
        rows.forEach((name, v) -> out.append(String.format("%-55s %9d %9d%s%n", name, v[0], v[1], v[0] == v[1] ? "" : "  <--")));
        out.append(String.format("%-55s %9s %9d%n", "notifications: deliveries repeating a message", "<= 6",
                c.deliveries() - sumNested(c.notifications())));
        return out.toString();
    }

    private void verify(Counts c, Set<String> expected) {
        assertThat(c.s3Orders()).as("S3: every order, once").containsOnlyKeys(expected).allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.searchOrders()).as("search: one document per order").containsOnlyKeys(expected)
                .allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.searchHits()).isEqualTo(expected.size());
        assertThat(c.dbOrders()).as("orders table: one row per order").containsOnlyKeys(expected)
                .allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.s3Events().keySet()).as("S3 job results: the orders").isEqualTo(expected);
        assertThat(c.s3Events()).as("S3 job results: one lifecycle per order")
                .allSatisfy((id, events) -> assertThat(oneSequence(events)).as(id + " " + events).isTrue());
        assertThat(c.dbEvents().keySet()).isEqualTo(expected);
        assertThat(c.dbEvents()).as("job_result_events: one lifecycle per order")
                .allSatisfy((id, events) -> assertThat(oneSequence(events)).as(id + " " + events).isTrue());
        assertThat(c.notifications()).as("notifications: one per order").containsOnlyKeys(expected);
        c.notifications().forEach((id, messages) -> {
            String finalStatus = c.s3Events().get(id).containsKey("Completed") ? "Completed" : "Failed";
            assertThat(messages).as("one message for " + id + ", its final status").isEqualTo(Map.of(finalStatus, 1));
        });
        // the one kill may repeat, with the same Idempotency-Key, the message the notifier had in flight on each of
        // the shards it held; no message is sent twice by two live instances
        assertThat(c.deliveries() - expected.size()).as("webhook deliveries repeating a message").isBetween(0L, 6L);
    }

    private static boolean oneSequence(Map<String, Integer> events) {
        int finals = events.getOrDefault("Completed", 0) + events.getOrDefault("Failed", 0);
        return events.getOrDefault("Pending", 0) == 1 && events.getOrDefault("InProgress", 0) == 1 && finals == 1 && sum(events) == 3;
    }

    private static long sequences(Map<String, Map<String, Integer>> events) {
        return events.values().stream().filter(ChiefScaleOutIT::oneSequence).count();
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static long sumNested(Map<String, Map<String, Integer>> counts) {
        return counts.values().stream().mapToLong(ChiefScaleOutIT::sum).sum();
    }

    private static final Pattern GET_RECORDS = Pattern.compile("^chief_consumer_getrecords_total\\{([^}]*)\\} ([0-9.eE+-]+)$");

    /** "stream/shard" -> GetRecords calls so far, summed over the applications and the given instances. */
    private static Map<String, Double> getRecords(List<ChiefProcess> instances) {
        Map<String, Double> calls = new TreeMap<>();
        for (ChiefProcess chief : instances) {
            HttpResponse<String> metrics = chief.get("/observe/metrics");
            if (metrics == null || metrics.statusCode() != 200) {
                continue;
            }
            metrics.body().lines().forEach(line -> {
                Matcher m = GET_RECORDS.matcher(line);
                if (m.matches()) {
                    calls.merge(label(m.group(1), "stream") + "/" + label(m.group(1), "shard"), Double.parseDouble(m.group(2)), Double::sum);
                }
            });
        }
        return calls;
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "?";
    }

    // ---------------------------------------------------------------- plumbing

    private ChiefProcess start(int instance, Map<String, String> env) throws Exception {
        Map<String, String> own = new HashMap<>(env);
        own.put("CHIEF_CONSUMER_KCL_WORKER_ID", workerId(instance));
        ChiefProcess chief = ChiefProcess.start(Files.createDirectories(workDir.resolve("chief-" + instance)), own);
        chiefs.add(chief);
        await("Chief " + instance + " up").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .failFast("Chief " + instance + " exited", () -> !chief.isAlive())
                .until(() -> chief.get("/observe/health"), r -> r != null && r.statusCode() == 200);
        return chief;
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private int notified() {
        return deliveries.size();
    }

    private void keepLogs() throws Exception {
        Path kept = Files.createDirectories(Path.of("target", "scale-out"));
        for (int i = 1; i <= 3; i++) {
            Path log = workDir.resolve("chief-" + i).resolve("chief.log");
            if (Files.exists(log)) {
                Files.copy(log, kept.resolve("chief-" + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private long rows(String sql) throws Exception {
        return MariaDb.number(database, sql);
    }

    private String post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static DynamoDbClient dynamoDb(int port) {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + port))
                .credentialsProvider(credentials()).httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY));
    }
}
