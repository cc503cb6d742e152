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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fault suite of issue 12: about 5,000 order records (5% repeats, a fifth of them dated 2017)
 * through the packaged jar while it is SIGKILLed three times (mid-intake, mid-processing, mid-load)
 * and restarted on the same data, while S3, search and the database are cut for 60 s (at the same
 * time, through TCP proxies this test controls) and while the producer's connection to Kinesis is
 * cut; an operator stops the factory of one zone through Jolokia for 20 s while orders flow; the webhook answers 500 to every message of one order (a poison
 * message: retried for 15 s while the others are taken, then dead-lettered); the search engine refuses the one order dated in
 * a month whose index is write-blocked (retried for 15 s, then dead-lettered); routes/factories.camel.yaml is saved with a
 * robot more under load. Then every sink is counted: each unique valid order exactly once in S3, search and the
 * {@code orders} table (search: all but the refused one); one Pending, one InProgress and one final event per order in the archive, the
 * history index and {@code job_result_events}; one notification per order and final status (webhook
 * channel, every delivery counted by the receiver), but none for the poisoned order, whose message is dead-lettered; no order with both Completed and Failed; no file in
 * the inbox; every checkpoint at its shard's end. The counting and the promises are {@link SinkCensus}'s,
 * shared with the kill suite; starts and kills are {@link ChiefRestarts}'. Each fault is a phase of its own (a test
 * method, run in order on the one stack and the Chief running then), so a failed phase is reported by name and the
 * others still run and report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChiefFaultSuiteIT {

    /** Each of the three systems is cut this long; the three outages overlap completely (see docs/guarantees.md). */
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration PRODUCER_CUT = Duration.ofSeconds(8);
    /** SIGKILLs: mid-intake, mid-processing, mid-load. */
    private static final int KILLS = 3;
    /** An operator stops factory-west this long while orders flow. */
    private static final Duration ROUTE_STOP = Duration.ofSeconds(20);
    /** How long the poison message is retried before it is dead-lettered (5 min by default: too long for a test). */
    private static final Duration NOTIFY_RETRY = Duration.ofSeconds(15);
    /** The same for a search document the engine refuses: the one order dated in a month whose index is write-blocked. */
    private static final Duration SEARCH_RETRY = Duration.ofSeconds(15);
    private static final Instant SEARCH_POISON_TIME = Instant.parse("2016-02-10T09:00:00Z");
    private static final String OPS_PASSWORD = "fault-suite-password";
    private static final String OPS_LOGIN = "Basic " + Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes());
    /** Every fault the phases inject: the last phase checks that none was left out. */
    private static final int FAULTS = 11;
    /** No delivery for this long after the database is cut: what was in flight then has landed. */
    private static final Duration IN_FLIGHT_QUIET = Duration.ofSeconds(5);

    /** Shared by every phase: Chief's work directory outlives each Chief, as on a host. */
    @TempDir
    static Path workDir;

    private final WebhookReceiver webhook = new WebhookReceiver();
    private final Map<String, AtomicInteger> deliveries = webhook.deliveries();
    private final List<String> faults = new ArrayList<>();
    private long started;
    private String database;

    // the orders, and who is expected where
    private final Set<String> expected = new HashSet<>();
    private final Set<String> expectedOld = new HashSet<>();
    private int records;
    private int invalid;
    /** The order whose notification the webhook refuses: one of the first, so others follow it. */
    private String poison;
    private String searchPoison;
    private List<Path> throttled;
    private List<Path> rest;
    private List<Path> oldFiles;
    private final Set<Path> dropped = new HashSet<>();

    // the systems Chief writes to, each behind a proxy this test can cut, and the Chief running now
    private final Map<String, String> env = new HashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private S3ProxyServer s3Server;
    private OpenSearchServer searchServer;
    private int searchPort;
    private TcpProxy s3Proxy;
    private TcpProxy searchProxy;
    private TcpProxy dbProxy;
    private TcpProxy kplProxy;
    private S3Client s3;
    private ChiefRestarts restarts;
    private ChiefProcess chief;
    private Path inbox;
    private Path intakeArchive;

    @BeforeAll
    void ordersAndSystems() throws Exception {
        started = System.nanoTime();
        // --- the orders: recent ones and ones dated 2017, 5% repeats, a few invalid records ---
        ReferenceData reference = ReferenceData.load(Path.of("reference-data.yaml"));
        List<String> recent = new ArrayList<>(new OrderGenerator(reference, 12, Clock.systemUTC()).generate(3100, 700, 0.05, 0.02).records());
        // one order of a month whose orders index an operator write-blocked (an old monthly index): search refuses only it
        String searchPoisonRecord = new OrderGenerator(reference, 2016, Clock.fixed(SEARCH_POISON_TIME, ZoneOffset.UTC))
                .generate(1, 0, 0.0, 0.0).records().get(0);
        recent.add(200, searchPoisonRecord);
        List<String> old = new OrderGenerator(reference, 2017, Clock.fixed(Instant.parse("2017-06-14T09:00:00Z"), ZoneOffset.UTC))
                .generate(750, 200, 0.05, 0.0).records();
        OrderParser parser = new OrderParser(reference, Clock.systemUTC());
        long n = 0;
        for (List<String> batch : List.of(recent, old)) {
            for (String record : batch) {
                if (parser.parse(RawRecord.value(++n, record)) instanceof ParsedRecord.Accepted accepted) {
                    if (expected.add(accepted.id()) && batch == old) {
                        expectedOld.add(accepted.id());
                    }
                    poison = poison == null ? accepted.id() : poison;
                } else {
                    invalid++;
                }
            }
        }
        searchPoison = ((ParsedRecord.Accepted) parser.parse(RawRecord.value(0, searchPoisonRecord))).id();
        records = recent.size() + old.size();
        Path staging = Files.createDirectories(workDir.resolve("staging"));
        List<Path> recentFiles = OrderFiles.write(staging, "recent", recent, 100);
        oldFiles = OrderFiles.write(staging, "old2017", old, 100);
        throttled = recentFiles.subList(0, 5);
        rest = recentFiles.subList(5, recentFiles.size());

        // --- the systems Chief writes to, each behind a proxy this test can cut ---
        Path servers = workDir.resolve("servers");
        int s3Port = FreePorts.next();
        s3Server = closing(new S3ProxyServer(servers, s3Port));
        searchPort = FreePorts.next();
        searchServer = closing(new OpenSearchServer(servers, searchPort, FreePorts.next()));
        s3Server.start();
        searchServer.start();
        writeBlockedIndex(searchPort, "chief-orders-" + DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC).format(SEARCH_POISON_TIME));
        database = MariaDb.createDatabase();
        closing(() -> MariaDb.dropDatabase(database));
        closing(webhook).start().refuse(poison);
        ChiefRestarts.stablePorts(env, List.of("CHIEF_LOCAL_KINESIS_PORT", "CHIEF_LOCAL_KINESIS_TLS_PORT", "CHIEF_LOCAL_STS_PORT",
                "CHIEF_LOCAL_S3_PORT", "CHIEF_LOCAL_SEARCH_PORT", "CHIEF_LOCAL_SEARCH_TRANSPORT_PORT", "CHIEF_MANAGEMENT_PORT"));
        s3Proxy = closing(new TcpProxy("s3", FreePorts.next(), s3Port));
        searchProxy = closing(new TcpProxy("search", FreePorts.next(), searchPort));
        dbProxy = closing(new TcpProxy("database", FreePorts.next(), MariaDb.port()));
        kplProxy = closing(new TcpProxy("kpl", FreePorts.next(), Integer.parseInt(env.get("CHIEF_LOCAL_KINESIS_TLS_PORT"))));
        s3 = closing(ArchiveBucket.client(s3Port));
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
        env.putAll(Map.of(
                // an operator's login: stopping and starting a route through Jolokia needs one
                "CHIEF_MANAGEMENT_USER", "ops",
                "CHIEF_MANAGEMENT_PASSWORD", OPS_PASSWORD,
                "CHIEF_NOTIFY_RETRY_DURATION_MS", String.valueOf(NOTIFY_RETRY.toMillis()),
                "CHIEF_SEARCH_RETRY_DURATION_MS", String.valueOf(SEARCH_RETRY.toMillis())));
        restarts = closing(new ChiefRestarts(workDir, env, "fault-suite"));
        inbox = workDir.resolve("data/inbox/orders");
        intakeArchive = workDir.resolve("data/archive/intake");
    }

    /** Stops the last Chief as an operator would, then everything else, the last started first. */
    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (chief != null && chief.isAlive()) {
                chief.terminate(Duration.ofSeconds(60));
            }
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                try {
                    closing.get(i).close();
                } catch (Exception e) {
                    System.out.println("closing: " + e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- the phases, each reported on its own
    // Each phase works with the Chief running then (or starts one) and undoes in a finally what it cut, so a
    // failed phase leaves the next ones a working system. The census drops whatever files an earlier phase could not.

    @Test
    @Order(1)
    void producerCutFromKinesisHoldsTheFilesInTheInbox() throws Exception {
        running();
        kplProxy.cut();
        try {
            drop(throttled);
            fault("producer cut from Kinesis for " + PRODUCER_CUT.toSeconds() + " s (connections refused and reset)");
            await("the files wait while the producer cannot reach Kinesis").during(PRODUCER_CUT)
                    .atMost(PRODUCER_CUT.plusSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        assertThat(ChiefRestarts.files(intakeArchive)).as("nothing accepted while the producer cannot reach Kinesis")
                                .isEmpty();
                        assertThat(ChiefRestarts.files(inbox)).as("the files wait in the inbox").hasSize(throttled.size());
                    });
        } finally {
            kplProxy.restore();
        }
    }

    /**
     * The held-back orders now flow: an operator stops factory-west through Jolokia under them. order-factory
     * holds its west orders (health's {@code chief-routes} DOWN naming the route) for {@link #ROUTE_STOP}, then
     * the route is started again.
     */
    @Test
    @Order(2)
    void anOperatorStopsAFactoryUnderLoadAndItsOrdersWait() throws Exception {
        ChiefProcess chief = running();
        operate(chief, "factory-west", "stop()");
        try {
            // the orders reach the factories some seconds after the producer's cut: the stop counts from when west orders wait
            JsonNode held = await("chief-routes DOWN naming factory-west").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> healthCheck(chief, "chief-routes"),
                            check -> "DOWN".equals(check.path("status").asText()) && check.toString().contains("factory-west"));
            fault("factory-west stopped through Jolokia, west orders held " + ROUTE_STOP.toSeconds() + " s under load; health said: "
                    + held.path("message").asText());
            await("west orders wait as long as the factory is stopped").during(ROUTE_STOP).atMost(ROUTE_STOP.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(1)).failFast("Chief exited", () -> !chief.isAlive())
                    .untilAsserted(() -> assertThat(healthCheck(chief, "chief-routes").toString()).as("west orders still wait")
                            .contains("DOWN", "factory-west"));
        } finally {
            operate(chief, "factory-west", "start()");
        }
    }

    /**
     * An operator saves routes/factories.camel.yaml with a robot more for factory-west while orders flow: that
     * factory is replaced live (its route restarts after the save), the others run on untouched.
     */
    @Test
    @Order(3)
    void savingTheFactoriesFileUnderLoadReplacesOnlyTheChangedFactory() throws Exception {
        ChiefProcess chief = running();
        Path factories = workDir.resolve("routes/factories.camel.yaml"); // the jar's default, written at its first start
        String shipped = Files.readString(factories);
        int west = shipped.indexOf("routeId: factory-west");
        long savedAt = System.currentTimeMillis();
        Files.writeString(factories, shipped.substring(0, west) + shipped.substring(west).replaceFirst("value: \"6\"", "value: \"7\""));
        fault("routes/factories.camel.yaml saved under load (factory-west 6 -> 7 robots): factory-west replaced live");
        await("factory-west replaced from the saved file").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .failFast("Chief exited", () -> !chief.isAlive())
                .until(() -> uptimeMillis(chief, "factory-west") < System.currentTimeMillis() - savedAt);
        assertThat(uptimeMillis(chief, "factory-east")).as("an unchanged factory runs on").isGreaterThan(System.currentTimeMillis() - savedAt);
    }

    @Test
    @Order(4)
    void killedMidIntake() throws Exception {
        ChiefProcess chief = running();
        try {
            await("the files held back by the producer cut are accepted").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> ChiefRestarts.files(inbox).isEmpty());
        } finally {
            drop(rest); // the rest of the recent orders, whatever became of the held-back ones
        }
        await("mid-intake").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> ChiefRestarts.files(intakeArchive).size() > throttled.size());
        kill();
        int left = ChiefRestarts.files(inbox).size();
        fault("SIGKILL mid-intake: " + (rest.size() - left) + " of " + rest.size() + " files accepted, " + left + " in the inbox");
        assertThat(left).as("killed mid-intake: files still in the inbox").isPositive();
    }

    @Test
    @Order(5)
    void killedMidProcessing() throws Exception {
        ChiefProcess chief = running();
        await("mid-processing").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                .failFast("Chief exited", () -> !chief.isAlive())
                .until(() -> deliveries.size() >= 400 && ArchiveBucket.count(s3, "job-results/") > 0);
        kill();
        int notified = deliveries.size();
        fault("SIGKILL mid-processing: " + notified + " customers notified, " + ArchiveBucket.count(s3, "orders/") + " order and "
                + ArchiveBucket.count(s3, "job-results/") + " job-result archive objects");
        assertThat(notified).as("killed mid-processing").isLessThan(expected.size() - expectedOld.size());
    }

    /**
     * S3, search and the database cut for 60 s while the 2017 orders arrive: Chief rides it out, notifies no one
     * without the database, and resumes by itself once they are back.
     */
    @Test
    @Order(6)
    void s3SearchAndTheDatabaseCutTogether() throws Exception {
        ChiefProcess chief = running();
        int before = deliveries.size();
        await("processing resumed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveries.size() > before + 100);
        s3Proxy.cut();
        searchProxy.cut();
        dbProxy.cut();
        long cutAt = System.nanoTime();
        int duringOutage;
        try {
            fault("S3 cut for " + OUTAGE.toSeconds() + " s");
            fault("search cut for " + OUTAGE.toSeconds() + " s (at the same time)");
            fault("database cut for " + OUTAGE.toSeconds() + " s (at the same time)");
            // half of the 2017 orders now, the rest once processing has resumed: a load is then certainly still to come
            drop(oldFiles.subList(0, oldFiles.size() / 2));
            // the notifications already on their way when the cut came land first
            int[] last = {deliveries.size()};
            long[] changedAt = {System.nanoTime()};
            await("notifications in flight at the cut delivered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (deliveries.size() != last[0]) {
                            last[0] = deliveries.size();
                            changedAt[0] = System.nanoTime();
                        }
                        return System.nanoTime() - changedAt[0] >= IN_FLIGHT_QUIET.toNanos();
                    });
            duringOutage = deliveries.size();
            Duration left = OUTAGE.minusNanos(System.nanoTime() - cutAt);
            await("the outage ridden out").during(left).atMost(left.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(deliveries.size()).as("no notification without the database").isEqualTo(duringOutage);
                        assertThat(chief.isAlive()).as("Chief rides out the outage").isTrue();
                    });
        } finally {
            s3Proxy.restore();
            searchProxy.restore();
            dbProxy.restore();
        }
        try {
            // the outage outlasted the ownership fence, so the readers stopped: they must start again by themselves
            await("processing resumed after the outage").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> deliveries.size() > duringOutage);
        } catch (ConditionTimeoutException e) {
            printTail(chief);
            System.out.printf("after the outage: %d notifications (%d during the outage)%n", deliveries.size(), duringOutage);
            throw e;
        }
    }

    @Test
    @Order(7)
    void killedMidLoad() throws Exception {
        ChiefProcess chief = running();
        drop(oldFiles);
        long[] previous = {rows("SELECT COUNT(*) FROM orders")};
        try {
            await("mid-load").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> {
                        long now = rows("SELECT COUNT(*) FROM orders");
                        boolean inserting = now > previous[0] && now < expected.size()
                                && rows("SELECT COUNT(*) FROM load_lease WHERE leased_until > CURRENT_TIMESTAMP") > 0;
                        previous[0] = now;
                        return inserting;
                    });
        } catch (ConditionTimeoutException e) {
            printTail(chief);
            System.out.printf("waiting for a load run: %d order rows of %d, %d notifications%n", previous[0], expected.size(),
                    deliveries.size());
            throw e;
        }
        kill();
        long loaded = rows("SELECT COUNT(*) FROM orders");
        fault("SIGKILL mid-load: a load run holding the lease, " + loaded + " of " + expected.size() + " order rows in");
        assertThat(loaded).as("killed mid-load").isLessThan(expected.size());
    }

    /** A last Chief settles everything; then every sink is counted. */
    @Test
    @Order(8)
    void everyOrderOnceInEverySink() throws Exception {
        ChiefProcess chief = running();
        drop(throttled);
        drop(rest);
        drop(oldFiles);
        try (KinesisClient kinesis = ChiefProcess.kinesis(env.get("CHIEF_LOCAL_KINESIS_PORT"))) {
            SinkCensus census = new SinkCensus(s3, "http://127.0.0.1:" + searchPort, MariaDb.url(database), kinesis, deliveries,
                    inbox, KILLS, Set.of(poison), Set.of(searchPoison));
            try {
                await("everything settles").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3))
                        .failFast("Chief exited", () -> !chief.isAlive())
                        .until(() -> census.settled(expected));
            } catch (ConditionTimeoutException e) {
                printTail(chief);
                SinkCensus.Counts counts = census.count();
                printTable(counts);
                explainIncomplete(counts, expected);
                throw e;
            }
            census.staysSettled(expected, chief);
            SinkCensus.Counts counts = census.count();
            printTable(counts);
            SinkCensus.Tally tally = SinkCensus.tally(counts, expected);
            System.out.printf("orders lost: %d; orders doubled: %d%n", tally.lost().size(), tally.doubled().size());
            SinkCensus.verify(counts, expected);
            assertThat(counts.dbOrders().keySet()).as("the 2017 orders are loaded too").containsAll(expectedOld);
        }
        assertThat(ChiefRestarts.files(workDir.resolve("data/dead-letter/order-factory")))
                .as("a stopped factory holds its orders back, it does not dead-letter them").isEmpty();
    }

    /** The webhook answered 500 to every message of one order while it took the others. */
    @Test
    @Order(9)
    void thePoisonMessageIsRetriedThenDeadLetteredAlone() throws Exception {
        Path dir = workDir.resolve("data/dead-letter/jobresult-notify");
        await("the poison message dead-lettered").atMost(NOTIFY_RETRY.multipliedBy(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !ChiefRestarts.files(dir).isEmpty());
        int refusals = webhook.refusals().values().stream().mapToInt(AtomicInteger::get).sum();
        fault("poison message: the webhook answered 500 to every message of " + poison + " (" + refusals
                + " times) while it took the others");
        assertThat(ChiefRestarts.files(dir)).as("the poison message dead-lettered, nothing else").isNotEmpty()
                .allSatisfy(letter -> assertThat(Files.readString(letter)).contains(poison).contains("500"));
        assertThat(refusals).as("the poison message retried before it was dead-lettered").isGreaterThan(1);
    }

    /** Search refused the one order dated in a month whose index is write-blocked, and took the others. */
    @Test
    @Order(10)
    void theRefusedSearchDocumentIsRetriedThenDeadLetteredAlone() throws Exception {
        Path dir = workDir.resolve("data/dead-letter/order-search");
        await("the refused document dead-lettered").atMost(SEARCH_RETRY.multipliedBy(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !ChiefRestarts.files(dir).isEmpty());
        fault("poison document: search refused " + searchPoison + " (its monthly index write-blocked) while it took the others");
        assertThat(ChiefRestarts.files(dir)).as("the order of the write-blocked index dead-lettered, nothing else").hasSize(1)
                .allSatisfy(letter -> assertThat(Files.readString(letter)).contains(searchPoison).contains("blocked"));
    }

    @Test
    @Order(11)
    void everyFaultWasInjected() {
        System.out.printf("faults injected: %d%n%s%n", faults.size(), String.join("\n", faults.stream().map(f -> "  - " + f).toList()));
        assertThat(faults).as("the faults the phases injected").hasSize(FAULTS);
    }

    /** The Chief running now, or a new one on the same data and ports (after a kill, or a phase that left none). */
    private ChiefProcess running() throws Exception {
        if (chief == null || !chief.isAlive()) {
            chief = restarts.start();
        }
        return chief;
    }

    private void kill() throws Exception {
        restarts.crash(chief);
        chief = null;
    }

    /** Drops into the inbox the files not dropped yet. */
    private void drop(List<Path> files) {
        files.stream().filter(dropped::add).forEach(file -> ChiefProcess.drop(file, inbox));
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closing.add(resource);
        return resource;
    }

    private static void printTail(ChiefProcess chief) {
        String log = chief.log();
        System.out.println(log.substring(Math.max(0, log.length() - 30_000)));
    }

    // ---------------------------------------------------------------- the fault suite's own checks

    private void printTable(SinkCensus.Counts c) {
        int unique = expected.size();
        System.out.printf("%nFault suite: %d records dropped (%d unique valid orders, %d of them dated 2017, %d repeats, "
                + "%d invalid), runtime %d s%n%s%n", records, unique, expectedOld.size(), records - unique - invalid, invalid,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), SinkCensus.table(c, unique));
    }

    /** Everything the database knows of orders whose lifecycle is incomplete, to tell where their events stopped. */
    private void explainIncomplete(SinkCensus.Counts counts, Set<String> expected) throws Exception {
        List<String> incomplete = expected.stream()
                .filter(id -> !SinkCensus.oneSequence(counts.dbEvents().getOrDefault(id, Map.of()))).sorted().limit(15).toList();
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

    private static long uptimeMillis(ChiefProcess chief, String routeId) throws Exception {
        String read = Json.MAPPER.createObjectNode().put("type", "read")
                .put("mbean", "org.apache.camel:context=chief,type=routes,name=\"" + routeId + "\"")
                .put("attribute", "UptimeMillis").toString();
        JsonNode answer = Json.MAPPER.readTree(chief.jolokia(OPS_LOGIN, read).body());
        return answer.path("status").asInt() == 200 ? answer.path("value").asLong() : Long.MAX_VALUE;
    }

    /** Creates an index and blocks writes to it, as an operator does with an old monthly index. */
    private static void writeBlockedIndex(int searchPort, String index) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] call : List.of(new String[] {"/" + index, "{}"},
                new String[] {"/" + index + "/_settings", "{\"index.blocks.write\": true}"})) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + searchPort + call[0]))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(call[1])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("PUT " + call[0] + ": " + answer.body()).isEqualTo(200);
        }
    }

    /** An operator's Jolokia exec on a route (logged in); fails unless Jolokia reports it done. */
    private static void operate(ChiefProcess chief, String routeId, String operation) throws Exception {
        String exec = Json.MAPPER.createObjectNode().put("type", "exec")
                .put("mbean", "org.apache.camel:context=chief,type=routes,name=\"" + routeId + "\"")
                .put("operation", operation).toString();
        String answer = chief.jolokia(OPS_LOGIN, exec).body();
        assertThat(Json.MAPPER.readTree(answer).path("status").asInt()).as(operation + " " + routeId + ": " + answer).isEqualTo(200);
    }

    /** One check of the health endpoint's full answer (every check, with its message). */
    private static JsonNode healthCheck(ChiefProcess chief, String name) throws Exception {
        var health = chief.get("/observe/health?exposureLevel=full");
        for (JsonNode check : Json.MAPPER.readTree(health == null ? "{}" : health.body()).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        return Json.MAPPER.createObjectNode();
    }

    private void fault(String what) {
        faults.add(what);
        System.out.println("FAULT " + faults.size() + ": " + what);
    }

    private long rows(String sql) throws Exception {
        return MariaDb.number(database, sql);
    }
}
