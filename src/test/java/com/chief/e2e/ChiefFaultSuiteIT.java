package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.generate.OrderFiles;
import com.chief.generate.OrderGenerator;
import com.chief.intake.OrderParser;
import com.chief.intake.ParsedRecord;
import com.chief.intake.RawRecord;
import com.chief.local.LocalCredentials;
import com.chief.local.OpenSearchServer;
import com.chief.local.S3ProxyServer;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.chief.support.FreePorts;
import com.chief.support.MariaDb;
import com.chief.support.TcpProxy;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fault suite of issue 12: about 5,000 order records (5% repeats, a fifth of them dated 2017)
 * through the packaged jar while it is SIGKILLed three times (mid-intake, mid-processing, mid-load)
 * and restarted on the same data, while S3, search and the database are cut for 60 s (at the same
 * time, through TCP proxies this test controls) and while the producer's connection to Kinesis is
 * cut. Then every sink is counted: each unique valid order exactly once in S3, search and the
 * {@code orders} table; one Pending, one InProgress and one final event per order in the archive and
 * in {@code job_result_events}; one notification per order and final status (webhook channel, every
 * delivery counted by the receiver); no file in the inbox; every checkpoint at its shard's end.
 */
class ChiefFaultSuiteIT {

    /** Each of the three systems is cut this long; the three outages overlap completely (see the README). */
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration PRODUCER_CUT = Duration.ofSeconds(8);
    /** SIGKILLs: mid-intake, mid-processing, mid-load. */
    private static final int KILLS = 3;
    private static final Map<String, String> APPLICATION_STREAMS = new TreeMap<>(Map.of(
            "order-factory", "OrdersStream", "order-archive", "OrdersStream", "order-search", "OrdersStream",
            "jobresult-archive", "JobResultsStream", "jobresult-search", "JobResultsStream", "jobresult-notify", "JobResultsStream"));

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebhookReceiver webhook = new WebhookReceiver();
    private final Map<String, AtomicInteger> deliveries = webhook.deliveries();
    private final List<String> faults = new ArrayList<>();
    private String database;

    @Test
    void nothingLostNothingDoubledNothingStalledUnderFaults() throws Exception {
        long started = System.nanoTime();
        // --- the orders: recent ones and ones dated 2017, 5% repeats, a few invalid records ---
        ReferenceData reference = ReferenceData.load(Path.of("reference-data.yaml"));
        List<String> recent = new OrderGenerator(reference, 12, Clock.systemUTC()).generate(3100, 700, 0.05, 0.02).records();
        List<String> old = new OrderGenerator(reference, 2017, Clock.fixed(Instant.parse("2017-06-14T09:00:00Z"), ZoneOffset.UTC))
                .generate(750, 200, 0.05, 0.0).records();
        Set<String> expected = new HashSet<>();
        Set<String> expectedOld = new HashSet<>();
        OrderParser parser = new OrderParser(reference, Clock.systemUTC());
        long n = 0;
        int invalid = 0;
        for (List<String> batch : List.of(recent, old)) {
            for (String record : batch) {
                if (parser.parse(RawRecord.value(++n, record)) instanceof ParsedRecord.Accepted accepted) {
                    if (expected.add(accepted.id()) && batch == old) {
                        expectedOld.add(accepted.id());
                    }
                } else {
                    invalid++;
                }
            }
        }
        int records = recent.size() + old.size();
        Path staging = Files.createDirectories(workDir.resolve("staging"));
        List<Path> recentFiles = OrderFiles.write(staging, "recent", recent, 100);
        List<Path> oldFiles = OrderFiles.write(staging, "old2017", old, 100);

        // --- the systems Chief writes to, each behind a proxy this test can cut ---
        Path servers = workDir.resolve("servers");
        int s3Port = FreePorts.next();
        S3ProxyServer s3Server = new S3ProxyServer(servers, s3Port);
        searchPort = FreePorts.next();
        OpenSearchServer searchServer = new OpenSearchServer(servers, searchPort, FreePorts.next());
        s3Server.start();
        searchServer.start();
        database = MariaDb.createDatabase();
        webhook.start();
        Map<String, String> env = new HashMap<>();
        for (String key : List.of("CHIEF_LOCAL_KINESIS_PORT", "CHIEF_LOCAL_KINESIS_TLS_PORT", "CHIEF_LOCAL_STS_PORT",
                "CHIEF_LOCAL_S3_PORT", "CHIEF_LOCAL_SEARCH_PORT", "CHIEF_LOCAL_SEARCH_TRANSPORT_PORT", "CHIEF_MANAGEMENT_PORT")) {
            env.put(key, String.valueOf(stablePort()));
        }
        try (TcpProxy s3Proxy = new TcpProxy("s3", stablePort(), s3Port);
                TcpProxy searchProxy = new TcpProxy("search", stablePort(), searchPort);
                TcpProxy dbProxy = new TcpProxy("database", stablePort(), 3306);
                TcpProxy kplProxy = new TcpProxy("kpl", stablePort(), Integer.parseInt(env.get("CHIEF_LOCAL_KINESIS_TLS_PORT")));
                S3Client s3 = ArchiveBucket.client(s3Port)) {
            env.putAll(Map.of(
                    "CHIEF_S3_ENDPOINT", "http://127.0.0.1:" + s3Proxy.port(),
                    "CHIEF_S3_PATH_STYLE", "true",
                    "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY,
                    "CHIEF_SEARCH_URL", "http://127.0.0.1:" + searchProxy.port(),
                    "CHIEF_DB_URL", "jdbc:mariadb://127.0.0.1:" + dbProxy.port() + "/" + database
                            + "?useBulkStmts=false&useBulkStmtsForInserts=false",
                    "CHIEF_DB_USER", "root",
                    "CHIEF_KINESIS_PRODUCER_ENDPOINT", "https://127.0.0.1:" + kplProxy.port()));
            env.putAll(Map.of(
                    // a factory hour takes 10 ms; the promise is far away, so no SLA-breach noise; 2% Failed
                    "CHIEF_TAILOR_SPEED_FACTOR", "360000",
                    "CHIEF_TAILOR_PROMISE_HOURS", "1000000",
                    "CHIEF_ARCHIVE_MAX_AGE_MS", "1000",
                    "CHIEF_AURORA_CRON", "0/5 * * * * ?",
                    "CHIEF_AURORA_BATCH_SIZE", "100", // a commit per 100 rows: a load run is seen half-way
                    // a loader killed mid-run holds the lease until it expires
                    "CHIEF_AURORA_LEASE_SECONDS", "15",
                    "CHIEF_CONSUMER_MAX_BACKOFF_MS", "4000",
                    "CHIEF_INTAKE_RETRY_DELAY_MS", "2000",
                    "CHIEF_NOTIFY_CHANNEL", "webhook",
                    "CHIEF_NOTIFY_WEBHOOK_URL", webhook.url()));
            Path inbox = workDir.resolve("data/inbox/orders");
            Path intakeArchive = workDir.resolve("data/archive/intake");
            List<Path> throttled = recentFiles.subList(0, 5);
            List<Path> rest = recentFiles.subList(5, recentFiles.size());

            // --- Chief 1: the producer's Kinesis connection cut, then SIGKILL mid-intake ---
            ChiefProcess chief = start(env);
            kplProxy.cut();
            throttled.forEach(file -> ChiefProcess.drop(file, inbox));
            Thread.sleep(PRODUCER_CUT.toMillis());
            assertThat(files(intakeArchive)).as("nothing accepted while the producer cannot reach Kinesis").isEmpty();
            assertThat(files(inbox)).as("the files wait in the inbox").hasSize(throttled.size());
            kplProxy.restore();
            fault("producer cut from Kinesis for " + PRODUCER_CUT.toSeconds() + " s (connections refused and reset)");
            await("the files held back by the producer cut are accepted").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> files(inbox).isEmpty());
            rest.forEach(file -> ChiefProcess.drop(file, inbox));
            await("mid-intake").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> files(intakeArchive).size() > throttled.size());
            crash(chief, env);
            int left = files(inbox).size();
            assertThat(left).as("killed mid-intake: files still in the inbox").isPositive();
            fault("SIGKILL mid-intake: " + (rest.size() - left) + " of " + rest.size() + " files accepted, " + left + " in the inbox");

            // --- Chief 2: SIGKILL mid-processing ---
            ChiefProcess second = start(env);
            await("mid-processing").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                    .failFast("Chief exited", () -> !second.isAlive())
                    .until(() -> deliveries.size() >= 400 && ArchiveBucket.count(s3, "job-results/") > 0);
            crash(second, env);
            int notified = deliveries.size();
            assertThat(notified).as("killed mid-processing").isLessThan(expected.size() - expectedOld.size());
            fault("SIGKILL mid-processing: " + notified + " customers notified, " + ArchiveBucket.count(s3, "orders/") + " order and "
                    + ArchiveBucket.count(s3, "job-results/") + " job-result archive objects");

            // --- Chief 3: S3, search and the database cut for 60 s while the 2017 orders arrive; SIGKILL mid-load ---
            ChiefProcess third = start(env);
            await("processing resumed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> deliveries.size() > notified + 100);
            s3Proxy.cut();
            searchProxy.cut();
            dbProxy.cut();
            long cutAt = System.nanoTime();
            // half of the 2017 orders now, the rest once processing has resumed: a load is then certainly still to come
            oldFiles.subList(0, oldFiles.size() / 2).forEach(file -> ChiefProcess.drop(file, inbox));
            Thread.sleep(5_000);
            int duringOutage = deliveries.size();
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - cutAt) / 1_000_000));
            assertThat(deliveries.size()).as("no notification without the database").isEqualTo(duringOutage);
            assertThat(third.isAlive()).as("Chief rides out the outage").isTrue();
            s3Proxy.restore();
            searchProxy.restore();
            dbProxy.restore();
            fault("S3 cut for " + OUTAGE.toSeconds() + " s");
            fault("search cut for " + OUTAGE.toSeconds() + " s (at the same time)");
            fault("database cut for " + OUTAGE.toSeconds() + " s (at the same time)");
            long[] previous = {0};
            try {
                // the outage outlasted the ownership fence, so the readers stopped: they must start again by themselves
                await("processing resumed after the outage").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .failFast("Chief exited", () -> !third.isAlive())
                        .until(() -> deliveries.size() > duringOutage);
                oldFiles.subList(oldFiles.size() / 2, oldFiles.size()).forEach(file -> ChiefProcess.drop(file, inbox));
                previous[0] = rows("SELECT COUNT(*) FROM orders");
                await("mid-load").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .failFast("Chief exited", () -> !third.isAlive())
                        .until(() -> {
                            long now = rows("SELECT COUNT(*) FROM orders");
                            boolean inserting = now > previous[0] && now < expected.size()
                                    && rows("SELECT COUNT(*) FROM load_lease WHERE leased_until > CURRENT_TIMESTAMP") > 0;
                            previous[0] = now;
                            return inserting;
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                String log = third.log();
                System.out.println(log.substring(Math.max(0, log.length() - 30_000)));
                System.out.printf("after the outage: %d order rows of %d, %d notifications (%d during the outage)%n",
                        previous[0], expected.size(), deliveries.size(), duringOutage);
                throw e;
            }
            crash(third, env);
            long loaded = rows("SELECT COUNT(*) FROM orders");
            assertThat(loaded).as("killed mid-load").isLessThan(expected.size());
            fault("SIGKILL mid-load: a load run holding the lease, " + loaded + " of " + expected.size() + " order rows in");

            // --- Chief 4: everything settles ---
            ChiefProcess last = start(env);
            try (KinesisClient kinesis = kinesis(env)) {
                Map<String, String> ends = new HashMap<>();
                try {
                    await("everything settles").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3))
                            .failFast("Chief exited", () -> !last.isAlive())
                            .until(() -> settled(s3, kinesis, ends, expected, inbox));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    String log = last.log();
                    System.out.println(log.substring(Math.max(0, log.length() - 30_000)));
                    Counts counts = count(s3, kinesis);
                    System.out.println(table(counts, expected.size(), records, invalid, expectedOld.size(),
                            Duration.ofNanos(System.nanoTime() - started)));
                    explainIncomplete(counts, expected);
                    throw e;
                }
                Thread.sleep(6_000); // one more load run and any stray repeat
                Counts counts = count(s3, kinesis);
                System.out.println(table(counts, expected.size(), records, invalid, expectedOld.size(),
                        Duration.ofNanos(System.nanoTime() - started)));
                verify(counts, expected, expectedOld, inbox);
            }
            last.terminate(Duration.ofSeconds(60));
        } finally {
            for (ChiefProcess chief : chiefs) {
                chief.close();
            }
            keepLog();
            webhook.close();
            searchServer.close();
            s3Server.close();
            MariaDb.dropDatabase(database);
        }
    }

    // ---------------------------------------------------------------- counting

    /** What every sink holds, counted per order id (and status). */
    private record Counts(Map<String, Integer> s3Orders, Map<String, Map<String, Integer>> s3Events,
            Map<String, Integer> searchOrders, long searchOrderHits, Map<String, String> searchStatus, long searchHistory,
            Map<String, Integer> dbOrders, Map<String, Map<String, Integer>> dbEvents, Map<String, String> dbStatus,
            Map<String, Map<String, Integer>> notifications, long deliveries, int inbox,
            Map<String, String> checkpointsBehind, int checkpointsChecked, int notifyReaders) {

        /**
         * A SIGKILL between the channel taking a message and Chief recording it sends that message again
         * (same Idempotency-Key): at most one in flight per reader thread of jobresult-notify (one per
         * shard) and kill.
         */
        long repeatsAllowed() {
            return (long) KILLS * notifyReaders;
        }
    }

    private Counts count(S3Client s3, KinesisClient kinesis) throws Exception {
        Map<String, Integer> s3Orders = new HashMap<>();
        Map<String, Map<String, Integer>> s3Events = new HashMap<>();
        for (String line : ArchiveBucket.lines(s3, "orders/")) {
            s3Orders.merge(Json.MAPPER.readTree(line).path("orderId").asText(), 1, Integer::sum);
        }
        for (String line : ArchiveBucket.lines(s3, "job-results/")) {
            JsonNode event = Json.MAPPER.readTree(line);
            s3Events.computeIfAbsent(event.path("orderId").asText(), k -> new HashMap<>())
                    .merge(event.path("status").asText(), 1, Integer::sum);
        }
        Map<String, Integer> searchOrders = new HashMap<>();
        long searchHits = 0;
        Map<String, String> searchStatus = new HashMap<>();
        long searchHistory = 0;
        String search = "http://127.0.0.1:" + searchPortOf();
        if (searchPortOf() > 0) {
            post(search + "/_refresh", "");
            JsonNode hits = Json.MAPPER.readTree(post(search + "/chief-orders-*/_search?size=10000",
                    "{\"_source\":false,\"track_total_hits\":true,\"query\":{\"match_all\":{}}}")).path("hits");
            searchHits = hits.path("total").path("value").asLong();
            hits.path("hits").forEach(hit -> searchOrders.merge(hit.path("_id").asText(), 1, Integer::sum));
            JsonNode statuses = Json.MAPPER.readTree(post(search + "/chief-job-status/_search?size=10000",
                    "{\"_source\":[\"status\"],\"query\":{\"match_all\":{}}}")).path("hits").path("hits");
            statuses.forEach(hit -> searchStatus.put(hit.path("_id").asText(), hit.path("_source").path("status").asText()));
            searchHistory = Json.MAPPER.readTree(post(search + "/chief-job-history-*/_count", "{}")).path("count").asLong();
        }
        Map<String, Integer> dbOrders = new HashMap<>();
        Map<String, Map<String, Integer>> dbEvents = new HashMap<>();
        Map<String, String> dbStatus = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(MariaDb.url(database));
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT order_id, COUNT(*) FROM orders GROUP BY order_id")) {
                while (rows.next()) {
                    dbOrders.put(rows.getString(1), rows.getInt(2));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT order_id, status, COUNT(*) FROM job_result_events GROUP BY order_id, status")) {
                while (rows.next()) {
                    dbEvents.computeIfAbsent(rows.getString(1), k -> new HashMap<>()).put(rows.getString(2), rows.getInt(3));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT order_id, status FROM order_status")) {
                while (rows.next()) {
                    dbStatus.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        Map<String, Map<String, Integer>> notifications = new HashMap<>();
        long delivered = 0;
        for (Map.Entry<String, AtomicInteger> message : deliveries.entrySet()) {
            // <orderId.status@chief>
            String id = message.getKey().replaceAll("^<|@chief>$", "");
            int dot = id.lastIndexOf('.');
            notifications.computeIfAbsent(id.substring(0, dot), k -> new HashMap<>())
                    .merge(id.substring(dot + 1), 1, Integer::sum);
            delivered += message.getValue().get();
        }
        Map<String, String> behind = new TreeMap<>();
        int checked = checkpoints(kinesis, behind);
        int notifyReaders = kinesis.listShards(r -> r.streamName(APPLICATION_STREAMS.get("jobresult-notify"))).shards().size();
        return new Counts(s3Orders, s3Events, searchOrders, searchHits, searchStatus, searchHistory, dbOrders, dbEvents,
                dbStatus, notifications, delivered, allFiles(workDir.resolve("data/inbox/orders")).size(), behind, checked,
                notifyReaders);
    }

    private int searchPort;

    private int searchPortOf() {
        return searchPort;
    }

    private boolean settled(S3Client s3, KinesisClient kinesis, Map<String, String> ends, Set<String> expected, Path inbox)
            throws Exception {
        if (!allFiles(inbox).isEmpty() || deliveries.size() < expected.size()) {
            return false;
        }
        if (rows("SELECT COUNT(*) FROM orders") < expected.size()
                || rows("SELECT COUNT(*) FROM job_result_events") < 3L * expected.size()) {
            return false;
        }
        Counts counts = count(s3, kinesis);
        return counts.s3Orders().keySet().containsAll(expected) && counts.s3Events().size() >= expected.size()
                && counts.searchOrders().keySet().containsAll(expected) && counts.searchHistory() >= 3L * expected.size()
                && counts.searchStatus().values().stream().filter(s -> s.equals("Completed") || s.equals("Failed")).count()
                        >= expected.size()
                && counts.checkpointsBehind().isEmpty();
    }

    /** Compares each application's checkpoint with the last record of every shard; returns the number compared. */
    private int checkpoints(KinesisClient kinesis, Map<String, String> behind) throws Exception {
        Map<String, String> checkpoints = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(MariaDb.url(database));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT application, stream_name, shard_id, sequence_number FROM kinesis_checkpoint")) {
            while (rows.next()) {
                checkpoints.put(rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3), rows.getString(4));
            }
        }
        int checked = 0;
        for (String stream : List.of("OrdersStream", "JobResultsStream")) {
            Map<String, String> last = lastSequences(kinesis, stream);
            for (Map.Entry<String, String> application : APPLICATION_STREAMS.entrySet()) {
                if (!application.getValue().equals(stream)) {
                    continue;
                }
                for (Map.Entry<String, String> shard : last.entrySet()) {
                    checked++;
                    String key = application.getKey() + "/" + stream + "/" + shard.getKey();
                    String at = checkpoints.get(key);
                    if (!shard.getValue().equals(at)) {
                        behind.put(key, "checkpoint " + at + ", shard ends at " + shard.getValue());
                    }
                }
            }
        }
        return checked;
    }

    /** shard id -> sequence number of its last record (shards without records left out). */
    private static Map<String, String> lastSequences(KinesisClient kinesis, String stream) {
        Map<String, String> last = new TreeMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                if (!response.records().isEmpty()) {
                    last.put(shard.shardId(), response.records().get(response.records().size() - 1).sequenceNumber());
                }
                if (response.records().isEmpty() && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return last;
    }

    private static String table(Counts c, int unique, int records, int invalid, int old, Duration runtime) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nFault suite: %d records dropped (%d unique valid orders, %d of them dated 2017, %d repeats, "
                + "%d invalid), runtime %d s%n", records, unique, old, records - unique - invalid, invalid, runtime.toSeconds()));
        out.append(String.format("%-58s %10s %10s%n", "count", "expected", "actual"));
        Map<String, long[]> rows = new LinkedHashMap<>();
        rows.put("S3 archive: orders (distinct ids)", new long[] {unique, c.s3Orders().size()});
        rows.put("S3 archive: order lines", new long[] {unique, sum(c.s3Orders())});
        rows.put("S3 archive: orders with one Pending/InProgress/final", new long[] {unique, sequences(c.s3Events())});
        rows.put("S3 archive: job-result lines", new long[] {3L * unique, sumNested(c.s3Events())});
        rows.put("search: chief-orders-* documents", new long[] {unique, c.searchOrderHits()});
        rows.put("search: chief-job-status final (Completed|Failed)", new long[] {unique,
                c.searchStatus().values().stream().filter(s -> s.equals("Completed") || s.equals("Failed")).count()});
        rows.put("search: chief-job-history-* documents", new long[] {3L * unique, c.searchHistory()});
        rows.put("database: orders rows", new long[] {unique, sum(c.dbOrders())});
        rows.put("database: orders (distinct ids)", new long[] {unique, c.dbOrders().size()});
        rows.put("database: job_result_events rows", new long[] {3L * unique, sumNested(c.dbEvents())});
        rows.put("database: orders with one Pending/InProgress/final", new long[] {unique, sequences(c.dbEvents())});
        rows.put("notifications: messages (distinct Idempotency-Key)", new long[] {unique, sumNested(c.notifications())});
        rows.put("notifications: orders with one final message", new long[] {unique,
                c.notifications().values().stream().filter(m -> m.size() == 1 && sum(m) == 1).count()});
        rows.put("files left in the inbox", new long[] {0, c.inbox()});
        rows.put("checkpoints at their shard's end", new long[] {c.checkpointsChecked(),
                c.checkpointsChecked() - c.checkpointsBehind().size()});
        rows.forEach((name, v) -> out.append(String.format("%-58s %10d %10d%s%n", name, v[0], v[1], v[0] == v[1] ? "" : "  <--")));
        out.append(String.format("%-58s %10s %10d%n", "notifications: deliveries repeating a message (kills x readers)",
                "<= " + c.repeatsAllowed(),
                c.deliveries() - sumNested(c.notifications())));
        c.checkpointsBehind().forEach((key, what) -> out.append("  behind: ").append(key).append(": ").append(what).append('\n'));
        return out.toString();
    }

    private void verify(Counts c, Set<String> expected, Set<String> expectedOld, Path inbox) throws Exception {
        Set<String> lost = new HashSet<>();
        Set<String> doubled = new HashSet<>();
        for (String id : expected) {
            for (Integer times : List.of(c.s3Orders().getOrDefault(id, 0), c.searchOrders().getOrDefault(id, 0),
                    c.dbOrders().getOrDefault(id, 0))) {
                if (times == 0) {
                    lost.add(id);
                } else if (times > 1) {
                    doubled.add(id);
                }
            }
            for (Map<String, Integer> events : List.of(c.s3Events().getOrDefault(id, Map.of()), c.dbEvents().getOrDefault(id, Map.of()))) {
                if (!oneSequence(events)) {
                    (sum(events) > 3 ? doubled : lost).add(id);
                }
            }
            Map<String, Integer> messages = c.notifications().getOrDefault(id, Map.of());
            if (sum(messages) == 0) {
                lost.add(id);
            } else if (sum(messages) > 1) {
                doubled.add(id);
            }
        }
        System.out.printf("faults survived: %d; orders lost: %d; orders doubled: %d%n%s%n", faults.size(), lost.size(),
                doubled.size(), String.join("\n", faults.stream().map(f -> "  - " + f).toList()));
        assertThat(lost).as("orders lost").isEmpty();
        assertThat(doubled).as("orders doubled").isEmpty();

        assertThat(c.s3Orders()).as("S3: every unique valid order, once").containsOnlyKeys(expected).allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.s3Events().keySet()).as("S3 job results: nothing but the orders").isEqualTo(expected);
        assertThat(c.s3Events()).allSatisfy((id, events) -> assertThat(oneSequence(events)).as(id + " " + events).isTrue());
        assertThat(c.searchOrders()).as("search: one document per order").containsOnlyKeys(expected)
                .allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.searchOrderHits()).isEqualTo(expected.size());
        assertThat(c.searchStatus()).as("search: every current status final").containsOnlyKeys(expected)
                .allSatisfy((id, status) -> assertThat(status).isIn("Completed", "Failed"));
        assertThat(c.searchHistory()).as("search: three history documents per order").isEqualTo(3L * expected.size());
        assertThat(c.dbOrders()).as("database: one orders row per order").containsOnlyKeys(expected)
                .allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.dbOrders().keySet()).as("the 2017 orders are loaded too").containsAll(expectedOld);
        assertThat(c.dbEvents().keySet()).isEqualTo(expected);
        assertThat(c.dbEvents()).allSatisfy((id, events) -> assertThat(oneSequence(events)).as(id + " " + events).isTrue());
        assertThat(c.dbStatus()).as("order_status final").containsOnlyKeys(expected)
                .allSatisfy((id, status) -> assertThat(status).isIn("Completed", "Failed"));
        assertThat(c.notifications()).as("notifications: one per order").containsOnlyKeys(expected);
        c.notifications().forEach((id, messages) -> {
            String finalStatus = c.s3Events().get(id).containsKey("Completed") ? "Completed" : "Failed";
            assertThat(messages).as("one message for " + id + ", its final status").isEqualTo(Map.of(finalStatus, 1));
        });
        // a database outage holds the batch without sending again; only a SIGKILL sends a message again
        assertThat(c.deliveries() - expected.size()).as("webhook deliveries repeating a message").isBetween(0L, c.repeatsAllowed());
        assertThat(allFiles(inbox)).as("no file left in the inbox").isEmpty();
        assertThat(c.checkpointsBehind()).as("every checkpoint at its shard's end").isEmpty();
        assertThat(c.checkpointsChecked()).as("checkpoints compared (6 applications over their shards)").isGreaterThanOrEqualTo(6);
        assertThat(faults).hasSize(7);
    }

    private static boolean oneSequence(Map<String, Integer> events) {
        int finals = events.getOrDefault("Completed", 0) + events.getOrDefault("Failed", 0);
        return events.getOrDefault("Pending", 0) == 1 && events.getOrDefault("InProgress", 0) == 1 && finals == 1
                && sum(events) == 3;
    }

    private static long sequences(Map<String, Map<String, Integer>> events) {
        return events.values().stream().filter(ChiefFaultSuiteIT::oneSequence).count();
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static long sumNested(Map<String, Map<String, Integer>> counts) {
        return counts.values().stream().mapToLong(ChiefFaultSuiteIT::sum).sum();
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * Ports Chief and the proxies must find free again after a restart: below the ephemeral range
     * (32768-60999 here), so no outgoing connection can be holding one as its local port.
     */
    private static int stablePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (FreePorts.isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port below the ephemeral range");
    }

    /**
     * SIGKILL. The KPL's native daemon, a child of the JVM, outlives it (it would on a real host too, until
     * its pipes break); it is ended here so killed runs leave nothing behind. The Kinesis emulator is left
     * to stop by itself and to be stopped by the next start, as after a real crash.
     */
    private void crash(ChiefProcess chief, Map<String, String> env) throws Exception {
        List<ProcessHandle> children = chief.children();
        chief.kill();
        children.stream()
                .filter(child -> child.info().command().map(c -> c.contains("kinesis_producer")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        // the emulator watches its parent and exits by itself; wait for its ports before the restart
        long since = System.nanoTime();
        List<Integer> ports = List.of(Integer.parseInt(env.get("CHIEF_LOCAL_KINESIS_PORT")),
                Integer.parseInt(env.get("CHIEF_LOCAL_KINESIS_TLS_PORT")), Integer.parseInt(env.get("CHIEF_MANAGEMENT_PORT")));
        try {
            await("the killed Chief's ports free").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ports.stream().allMatch(FreePorts::isFree));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Process ss = new ProcessBuilder("ss", "-tanp").redirectErrorStream(true).start();
            String sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            sockets.lines().filter(line -> ports.stream().anyMatch(port -> line.contains(":" + port + " ")))
                    .forEach(System.out::println);
            children.forEach(child -> System.out.println(child.pid() + " alive=" + child.isAlive() + " " + child.info().commandLine()));
            throw e;
        }
        System.out.printf("killed Chief's ports free after %d ms%n", (System.nanoTime() - since) / 1_000_000);
    }

    private final List<ChiefProcess> chiefs = new ArrayList<>();

    /** Each run's log is kept in target/fault-suite/ (the next start writes chief.log afresh). */
    private void keepLog() throws Exception {
        Path log = workDir.resolve("chief.log");
        if (Files.exists(log)) {
            Path kept = Files.createDirectories(Path.of("target", "fault-suite")).resolve("chief-" + chiefs.size() + ".log");
            Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Everything the database knows of orders whose lifecycle is incomplete, to tell where their events stopped. */
    private void explainIncomplete(Counts counts, Set<String> expected) throws Exception {
        List<String> incomplete = expected.stream()
                .filter(id -> !oneSequence(counts.dbEvents().getOrDefault(id, Map.of()))).sorted().limit(15).toList();
        try (Connection connection = DriverManager.getConnection(MariaDb.url(database))) {
            for (String id : incomplete) {
                StringBuilder line = new StringBuilder("INCOMPLETE ").append(id).append(" s3=").append(counts.s3Events().get(id))
                        .append(" db=").append(counts.dbEvents().get(id));
                for (String sql : List.of("SELECT status, robot_id, updated_at FROM tailor_job WHERE order_id = ?",
                        "SELECT status, acknowledged_at FROM job_result_outbox WHERE order_id = ?")) {
                    try (var select = connection.prepareStatement(sql)) {
                        select.setString(1, id);
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                line.append(" | ").append(rows.getString(1)).append(' ').append(rows.getString(2));
                                if (rows.getMetaData().getColumnCount() > 2) {
                                    line.append(' ').append(rows.getString(3));
                                }
                            }
                        }
                    }
                }
                System.out.println(line);
            }
        }
    }

    private ChiefProcess start(Map<String, String> env) throws Exception {
        keepLog();
        ChiefProcess chief = ChiefProcess.start(workDir, env);
        chiefs.add(chief);
        try {
            await("Chief up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> chief.get("/observe/health"), r -> r != null && r.statusCode() == 200);
        } catch (RuntimeException | AssertionError e) {
            System.out.println(chief.log());
            var health = chief.get("/observe/health");
            throw new AssertionError("Chief " + chiefs.size() + " not healthy: " + (health == null ? "no answer" : health.body())
                    + "\nits Kinesis emulator's log ends: " + tail(workDir.resolve("data/kinesis/emulator.log")), e);
        }
        return chief;
    }

    private static String tail(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private void fault(String what) {
        faults.add(what);
        System.out.println("FAULT " + faults.size() + ": " + what);
    }

    private long rows(String sql) throws Exception {
        return MariaDb.number(database, sql);
    }

    private static List<Path> files(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".camelLock")).toList();
        }
    }

    /** Every file under dir, lock files and hidden ones included. */
    private static List<Path> allFiles(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private String post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static KinesisClient kinesis(Map<String, String> env) {
        return ChiefProcess.kinesis(env.get("CHIEF_LOCAL_KINESIS_PORT"));
    }
}
