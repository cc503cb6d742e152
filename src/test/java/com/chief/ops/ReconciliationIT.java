package com.chief.ops;

import static com.chief.support.ArchiveLines.order;
import static com.chief.support.ArchiveLines.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.bootstrap.SearchTemplates;
import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.config.SearchClients;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.SeenRecords;
import com.chief.local.OpenSearchServer;
import com.chief.local.S3ProxyServer;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.sink.FinalStatuses;
import com.chief.sink.OneFinalStatus;
import com.chief.sink.RetryDuration;
import com.chief.sink.aurora.LoadCounts;
import com.chief.sink.aurora.RowLoader;
import com.chief.sink.aurora.StoredObject;
import com.chief.sink.notify.Notification;
import com.chief.sink.notify.NotificationTemplates;
import com.chief.sink.notify.NotificationWriter;
import com.chief.sink.notify.NotifyApplication;
import com.chief.sink.notify.SentNotifications;
import com.chief.sink.s3.ArchiveFormat;
import com.chief.sink.s3.ArchiveLayout;
import com.chief.sink.search.SearchApplication;
import com.chief.sink.search.SearchDocuments;
import com.chief.sink.search.SearchIndexWriter;
import com.chief.sink.search.SearchLookup;
import com.chief.sink.search.SearchRefusals;
import com.chief.sink.search.SearchRoutes;
import com.chief.support.Databases;
import com.chief.support.MovableClock;
import com.chief.support.TestSettings;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reconciliation and rebuild against a real S3Proxy (the archive, in its real layout), a real
 * OpenSearch and MariaDB, with Chief's live writers as the re-drive path. Each test has a bucket,
 * a database and search indexes of its own; three arrival hours (two hours ago and before) of ten
 * orders each, every order with a Pending and a final status (every third Failed, else Completed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationIT {

    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final int ORDERS_PER_HOUR = 10;

    @TempDir
    static Path dir;

    private ChiefSettings settings;
    private S3ProxyServer s3Server;
    private OpenSearchServer searchServer;
    private S3Client s3;
    private AutoCloseable searchClient;
    private DefaultCamelContext camel;
    private SearchIndexWriter.Bulk bulk;
    private final AtomicInteger worlds = new AtomicInteger();
    private final Instant currentHour = ArchiveLayout.hourOf(Instant.now());
    private final Instant h1 = currentHour.minus(Duration.ofHours(3));
    private final Instant h2 = currentHour.minus(Duration.ofHours(2));
    private final Instant h3 = currentHour.minus(Duration.ofHours(1));

    @BeforeAll
    void start() throws Exception {
        settings = TestSettings.local(dir.resolve("stack"), Map.of("chief.kinesis.endpoint", "http://127.0.0.1:1"));
        s3Server = new S3ProxyServer(settings.dataDir(), settings.localStack().s3Port());
        s3Server.start();
        searchServer = new OpenSearchServer(settings.dataDir(), settings.localStack().searchPort(),
                settings.localStack().searchTransportPort());
        searchServer.start();
        s3 = AwsClients.s3(settings);
        SearchTemplates.apply(settings.search());
        searchClient = SearchClients.create(settings.search());
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("chief.search.engine", settings.search().engine().component());
        camel.getRegistry().bind("searchClient", searchClient);
        camel.addRoutes(new SearchRoutes());
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        bulk = settings.search().engine().bulk(body -> template.requestBody("direct:search-bulk", body, List.class));
    }

    @AfterAll
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (searchClient != null) {
            searchClient.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (searchServer != null) {
            searchServer.close();
        }
        if (s3Server != null) {
            s3Server.close();
        }
    }

    /**
     * Per hour and per sink exactly the known missing ids, per sink exactly the known extra ones, and
     * an hour whose newest object is younger than the settle margin is pending (its ids not missing)
     * until it settles.
     */
    @Test
    void findsExactlyTheKnownMissingAndExtraIdsPerSinkAndHourAndLeavesAnUnsettledHourPending() throws Exception {
        try (World world = new World()) {
            world.archiveThreeHours();
            world.fillSinks(Set.of("r1-03", "r2-05:Completed"), Set.of("r2-07", "r3-02:Completed"),
                    Set.of("r1-04:Completed", "r3-06:Failed"));
            world.plantExtras();
            // the current hour gets an object only now, so that it is younger than the settle margin
            world.awaitOlderThanSettle();
            world.putOrders(currentHour, "shardId-000000000000", "90", "r4-01", "r4-02");
            Instant newest = world.newestObject();
            world.clock.set(newest.plusSeconds(1));
            Reconciliation reconciliation = world.reconciliation(new ReconcileSettings(6, SETTLE, Duration.ofHours(24)));
            HourRange range = new HourRange(h1, currentHour.plus(Duration.ofHours(1)));

            ReconcileReport report = reconciliation.run(range, false, false);
            System.out.println("ReconciliationIT first run: " + report.toJson());

            assertThat(missing(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "database", List.of("r1-03", "r2-05:Completed"),
                    "search", List.of("r2-07", "r3-02:Completed"),
                    "notifications", List.of("r1-04:Completed", "r3-06:Failed")));
            assertThat(extra(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "database", List.of("x-1", "x-1:Completed"),
                    "search", List.of("x-2:Failed"),
                    "notifications", List.of("x-3:Completed")));
            assertThat(report.extraChecked()).isTrue();
            assertThat(report.hours()).extracting(h -> h.hour() + " " + h.state() + " " + h.objects() + " " + h.orders() + " "
                    + h.finalStatuses() + " " + new TreeMap<>(h.missing())).containsExactly(
                    h1 + " checked 3 10 10 {database=1, notifications=1, search=0}",
                    h2 + " checked 3 10 10 {database=1, notifications=0, search=1}",
                    h3 + " checked 3 10 10 {database=0, notifications=1, search=1}",
                    currentHour + " pending 1 0 0 {}");
            assertThat(List.of(report.hoursRead(), report.hoursPending(), report.objectsRead(), report.archivedOrders(),
                    report.archivedFinalStatuses())).containsExactly(3, 1, 9, 30, 30);

            // settled: the current hour's orders are now found missing everywhere that holds orders
            world.clock.set(newest.plus(SETTLE).plusSeconds(1));
            ReconcileReport settled = reconciliation.run(range, false, false);
            assertThat(settled.hours().get(3).state()).isEqualTo("checked");
            assertThat(settled.hours().get(3).missing()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("database", 2, "search", 2, "notifications", 0));
            assertThat(settled.sinks().get("database").missingIds()).containsExactly("r1-03", "r2-05:Completed", "r4-01", "r4-02");
        }
    }

    /**
     * Cost follows what changed: a second scheduled run over unchanged clean hours makes no GET and
     * asks no sink; a new object in one hour has that hour read again (and only it); the periodic
     * full recheck reads every hour.
     */
    @Test
    void aScheduledRunReadsOnlyChangedHoursUntilTheFullRecheckIsDue() throws Exception {
        try (World world = new World()) {
            world.archiveThreeHours();
            world.fillSinks(Set.of(), Set.of(), Set.of());
            world.clock.set(Instant.now().plus(SETTLE).plusSeconds(1));
            Reconciliation reconciliation = world.reconciliation(new ReconcileSettings(8, SETTLE, Duration.ofHours(1)));

            Cost first = world.cost(reconciliation::scheduled);
            assertThat(first.report.mode()).isEqualTo("full");
            assertThat(first.report.hoursRead()).isEqualTo(3);
            assertThat(first.report.sinks().values()).allMatch(s -> s.missing() == 0 && s.extra() == 0);
            assertThat(first.gets).isEqualTo(9);
            assertThat(first.present).as("each sink asked once per hour").isEqualTo(9);

            Cost second = world.cost(reconciliation::scheduled);
            assertThat(second.report.mode()).isEqualTo("changed-only");
            assertThat(second.report.hoursUnchanged()).isEqualTo(3);
            assertThat(second.report.archivedOrders()).as("counts carried from the last check").isEqualTo(30);
            assertThat(second.gets).as("GETs of an unchanged run").isZero();
            assertThat(second.present + second.heldBetween).as("sink queries of an unchanged run").isZero();

            // a new object in the middle hour, and its order in every sink
            world.putOrders(h2, "shardId-000000000002", "77", "r2-11");
            world.fillOrder("r2-11", h2);
            world.clock.set(Instant.now().plus(SETTLE).plusSeconds(1));
            Cost changed = world.cost(reconciliation::scheduled);
            assertThat(changed.report.mode()).isEqualTo("changed-only");
            assertThat(changed.report.hours()).filteredOn(h -> h.state().equals("checked")).extracting(h -> h.hour())
                    .containsExactly(h2);
            assertThat(changed.gets).as("the changed hour's objects").isEqualTo(4);
            assertThat(changed.present).isEqualTo(3);
            assertThat(changed.report.sinks().values()).allMatch(s -> s.missing() == 0);

            Cost quiet = world.cost(reconciliation::scheduled);
            assertThat(quiet.gets + quiet.present + quiet.heldBetween).isZero();

            // past the recheck interval: every hour read again
            world.clock.set(world.clock.instant().plus(Duration.ofHours(1)).plusSeconds(1));
            Cost recheck = world.cost(reconciliation::scheduled);
            assertThat(recheck.report.mode()).isEqualTo("full");
            assertThat(recheck.report.hoursRead()).isEqualTo(3);
            assertThat(recheck.gets).isEqualTo(10);
            assertThat(recheck.present).isEqualTo(9);
            System.out.printf("ReconciliationIT cost: GETs %d, %d, %d (new object), %d, %d (full recheck);"
                    + " sink queries %d, %d, %d, %d, %d%n", first.gets, second.gets, changed.gets, quiet.gets, recheck.gets,
                    first.queries(), second.queries(), changed.queries(), quiet.queries(), recheck.queries());
        }
    }

    /** A rebuild of the database and of search, run twice, leaves the same sinks; the second inserts no row. */
    @Test
    void aRebuildRunTwiceGivesTheSameSinksAndTheSecondInsertsNothing() throws Exception {
        try (World world = new World()) {
            world.archiveThreeHours();
            world.clock.set(Instant.now());
            Rebuild rebuild = new Rebuild(new ArchiveReader(s3, world.bucket), world.redrive, world.clock);
            HourRange range = new HourRange(h1, currentHour);

            Rebuild.Progress database = world.rebuilt(rebuild, "database", range);
            Rebuild.Progress search = world.rebuilt(rebuild, "search", range);
            Map<String, Long> once = world.sinkCounts();
            assertThat(database.state).isEqualTo("done");
            assertThat(search.state).isEqualTo("done");
            assertThat(once).containsAllEntriesOf(Map.of("orders", 30L, "finalEvents", 30L, "events", 60L,
                    "orderDocs", 30L, "statusDocs", 30L, "historyDocs", 60L));
            assertThat(database.rows.inserted()).isEqualTo(90);

            Rebuild.Progress databaseAgain = world.rebuilt(rebuild, "database", range);
            Rebuild.Progress searchAgain = world.rebuilt(rebuild, "search", range);
            Map<String, Long> twice = world.sinkCounts();
            System.out.println("ReconciliationIT rebuild: first " + database.toJson() + " then " + databaseAgain.toJson()
                    + "; search " + search.toJson() + " then " + searchAgain.toJson() + "; sinks " + once + " then " + twice);
            assertThat(twice).isEqualTo(once);
            assertThat(databaseAgain.rows.inserted()).as("rows inserted by the second run").isZero();
            assertThat(databaseAgain.rows.present()).isEqualTo(database.rows.read());
            assertThat(searchAgain.recordsDone.get()).isEqualTo(search.recordsDone.get());
        }
    }

    /**
     * Repair re-drives exactly the missing: afterwards each sink holds exactly the archive, no
     * document that was there is written again, and only the customers without a notification
     * record are told; a second repair does nothing.
     */
    @Test
    void aRepairRestoresExactlyTheMissingAndTellsNoCustomerTwice() throws Exception {
        try (World world = new World()) {
            world.archiveThreeHours();
            world.fillSinks(Set.of("r1-03", "r2-05:Completed"), Set.of("r2-07", "r3-02:Completed"),
                    Set.of("r1-04:Completed", "r3-06:Failed"));
            world.clock.set(Instant.now().plus(SETTLE).plusSeconds(1));
            Reconciliation reconciliation = world.reconciliation(new ReconcileSettings(6, SETTLE, Duration.ofHours(24)));
            HourRange range = new HourRange(h1, currentHour);
            Map<String, Long> versionsBefore = world.orderDocVersions();
            Map<String, Long> before = world.sinkCounts();

            ReconcileReport repair = reconciliation.run(range, false, true);
            System.out.println("ReconciliationIT repair: " + repair.toJson());
            assertThat(repair.sinks()).allSatisfy((sink, result) -> {
                assertThat(result.missing()).as(sink).isEqualTo(2);
                assertThat(result.repaired()).as(sink).isEqualTo(2);
                assertThat(result.missingAfterRepair()).as(sink).isZero();
            });
            Map<String, Long> after = world.sinkCounts();
            System.out.println("ReconciliationIT repair: sinks " + before + " then " + after);
            assertThat(after).containsAllEntriesOf(Map.of("orders", 30L, "finalEvents", 30L, "events", 60L,
                    "orderDocs", 30L, "statusDocs", 30L, "notificationRecords", 30L));
            assertThat(world.sent).extracting(n -> n.to()).as("the customers told")
                    .containsExactlyInAnyOrder("r1-04@example.com", "r3-06@example.com");
            Map<String, Long> versionsAfter = world.orderDocVersions();
            versionsBefore.forEach((id, version) -> assertThat(versionsAfter.get(id)).as("version of " + id).isEqualTo(version));
            assertThat(versionsAfter).containsOnlyKeys(world.archivedOrderIds());

            ReconcileReport again = reconciliation.run(range, false, true);
            assertThat(again.sinks().values()).allMatch(s -> s.missing() == 0 && s.repaired() == 0);
            assertThat(world.sent).hasSize(2);
            assertThat(world.sinkCounts()).isEqualTo(after);
        }
    }

    private static Map<String, List<String>> missing(ReconcileReport report) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        report.sinks().forEach((sink, result) -> ids.put(sink, result.missingIds()));
        return ids;
    }

    private static Map<String, List<String>> extra(ReconcileReport report) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        report.sinks().forEach((sink, result) -> ids.put(sink, result.extraIds()));
        return ids;
    }

    interface Run {
        ReconcileReport run() throws Exception;
    }

    /** One run's report with what it cost: archive GETs and sink queries. */
    record Cost(ReconcileReport report, long gets, long present, long heldBetween) {
        long queries() {
            return present + heldBetween;
        }
    }

    /** A reconciled sink that counts the queries made of it. */
    static final class CountingSink implements ReconciledSink {
        private final ReconciledSink sink;
        final AtomicInteger present = new AtomicInteger();
        final AtomicInteger heldBetween = new AtomicInteger();

        CountingSink(ReconciledSink sink) {
            this.sink = sink;
        }

        @Override
        public String name() {
            return sink.name();
        }

        @Override
        public boolean holdsOrders() {
            return sink.holdsOrders();
        }

        @Override
        public Set<String> present(Set<String> orderIds, Set<String> finalIds) throws Exception {
            present.incrementAndGet();
            return sink.present(orderIds, finalIds);
        }

        @Override
        public Set<String> heldBetween(Instant from, Instant to) throws Exception {
            heldBetween.incrementAndGet();
            return sink.heldBetween(from, to);
        }
    }

    /** One test's archive bucket, database, search indexes, writers and sinks. */
    final class World implements AutoCloseable {
        final String name = "rec" + worlds.incrementAndGet();
        final String bucket = "reconcile-" + name;
        final Databases db = Databases.create();
        final String ordersIndex = "chief-orders-" + name;
        final String statusIndex = "chief-job-status-" + name;
        final String historyIndex = "chief-job-history-" + name;
        final SearchLookup lookup = new SearchLookup(SearchLookup.requests(searchClient), ordersIndex, statusIndex);
        final List<Notification> sent = new CopyOnWriteArrayList<>();
        final MovableClock clock = new MovableClock(Instant.now());
        final Redrive redrive;
        final ArchiveReader reader;
        final List<CountingSink> sinks;
        /** The archive's lines by order id (for filling the sinks). */
        final Map<String, List<String>> orderLines = new TreeMap<>();

        World() {
            s3.createBucket(b -> b.bucket(bucket));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            SearchDocuments documents = new SearchDocuments(ordersIndex, statusIndex, historyIndex, "yyyy.MM");
            DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter-" + name), meters);
            SearchRefusals refusals = new SearchRefusals();
            Duration retry = Duration.ofSeconds(10);
            Redrive.Writers writers = new Redrive.Writers(
                    () -> new SearchIndexWriter(SearchApplication.ORDERS.application(), SeenRecords.NONE, DedupeKeys::order,
                            documents::order, bulk, deadLetters, refusals,
                            new RetryDuration(SearchApplication.ORDERS.application(), retry, meters)),
                    () -> new SearchIndexWriter(SearchApplication.JOB_RESULTS.application(), SeenRecords.NONE, DedupeKeys::jobResult,
                            documents::jobResult, bulk, deadLetters, refusals,
                            new RetryDuration(SearchApplication.JOB_RESULTS.application(), retry, meters)),
                    () -> OneFinalStatus.guard(new ConsumingApplication(NotifyApplication.NAME, ConsumedStream.JOB_RESULTS,
                            new NotificationWriter(new SentNotifications(db.dataSource),
                                    new NotificationTemplates(Path.of("templates"), "orders@chief.example"), sent::add,
                                    deadLetters, meters, 3, Duration.ofMillis(10), retry)),
                            new FinalStatuses(db.dataSource), deadLetters, meters).handler(),
                    new RowLoader(s3, bucket, db.dataSource, 100));
            redrive = new Redrive(writers, Duration.ofSeconds(30));
            reader = new ArchiveReader(s3, bucket);
            sinks = List.of(new CountingSink(new SearchSink(lookup)), new CountingSink(new DatabaseSink(db.dataSource)),
                    new CountingSink(new NotificationSink(db.dataSource)));
        }

        Reconciliation reconciliation(ReconcileSettings reconcile) {
            return new Reconciliation(reader, List.copyOf(sinks), redrive, new ReconciledHours(db.dataSource), reconcile, clock,
                    lookup::refresh, new SimpleMeterRegistry());
        }

        Cost cost(Run run) throws Exception {
            long gets = reader.gets();
            int present = sinks.stream().mapToInt(s -> s.present.get()).sum();
            int held = sinks.stream().mapToInt(s -> s.heldBetween.get()).sum();
            ReconcileReport report = run.run();
            return new Cost(report, reader.gets() - gets, sinks.stream().mapToInt(s -> s.present.get()).sum() - present,
                    sinks.stream().mapToInt(s -> s.heldBetween.get()).sum() - held);
        }

        /** Hours h1..h3 (r1-*, r2-*, r3-*): two orders objects (an order in both, as a replay writes it) and a gzipped job-results object each. */
        void archiveThreeHours() throws Exception {
            int hourNumber = 0;
            for (Instant hour : List.of(h1, h2, h3)) {
                hourNumber++;
                List<String> ids = new ArrayList<>();
                for (int i = 1; i <= ORDERS_PER_HOUR; i++) {
                    ids.add(String.format("r%d-%02d", hourNumber, i));
                }
                putOrders(hour, "shardId-000000000000", "10", ids.subList(0, 6).toArray(String[]::new));
                putOrders(hour, "shardId-000000000001", "20", ids.subList(5, 10).toArray(String[]::new));
                List<String> results = new ArrayList<>();
                for (int i = 1; i <= ORDERS_PER_HOUR; i++) {
                    String id = ids.get(i - 1);
                    results.add(result(id, "Pending", hour.plus(Duration.ofMinutes(10)).plusSeconds(i)));
                    results.add(result(id, i % 3 == 0 ? "Failed" : "Completed", hour.plus(Duration.ofMinutes(20)).plusSeconds(i)));
                }
                put(ArchiveLayout.key(ArchiveLayout.JOB_RESULTS, hour.plus(Duration.ofMinutes(10)), "shardId-000000000000", "30",
                        0, true), results);
                for (String line : results) {
                    orderLines.computeIfAbsent(Json.MAPPER.readTree(line).path("orderId").asText(), k -> new ArrayList<>()).add(line);
                }
            }
        }

        void putOrders(Instant hour, String shard, String sequence, String... ids) throws Exception {
            List<String> lines = new ArrayList<>();
            for (String id : ids) {
                lines.add(order(id, hour.plus(Duration.ofMinutes(5))));
                orderLines.computeIfAbsent(id, k -> new ArrayList<>()).add(0, lines.get(lines.size() - 1));
            }
            put(ArchiveLayout.key(ArchiveLayout.ORDERS, hour.plus(Duration.ofMinutes(5)), shard, sequence, 0, false), lines);
        }

        private void put(String key, List<String> lines) throws IOException {
            byte[] content = ArchiveFormat.encode(lines, line -> line.getBytes(StandardCharsets.UTF_8), ArchiveFormat.isGzip(key));
            s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
        }

        Set<String> archivedOrderIds() {
            return new HashSet<>(orderLines.keySet());
        }

        /** Every archived object of h1..h3, as listed. */
        List<StoredObject> objects() {
            List<StoredObject> objects = new ArrayList<>();
            for (Instant hour : List.of(h1, h2, h3, currentHour)) {
                for (String prefix : ArchiveLayout.PREFIXES) {
                    objects.addAll(reader.objects(prefix, hour));
                }
            }
            return objects;
        }

        Instant newestObject() {
            return objects().stream().map(StoredObject::lastModified).max(Instant::compareTo).orElseThrow();
        }

        void awaitOlderThanSettle() {
            Instant newest = newestObject();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Instant.now().isAfter(newest.plus(SETTLE).plusSeconds(1)));
        }

        /**
         * Every sink holds the archive but the given ids: the database as the loader loads it (then
         * rows deleted), search through its writers, notification records with their send time.
         */
        void fillSinks(Set<String> notInDatabase, Set<String> notInSearch, Set<String> notNotified) throws Exception {
            ArchiveReader setup = new ArchiveReader(s3, bucket);
            List<ArchivedRecord> records = new ArrayList<>();
            for (StoredObject object : objects()) {
                redrive.database(List.of(object));
                records.addAll(setup.records(object));
            }
            try (Connection connection = db.dataSource.getConnection()) {
                for (String id : notInDatabase) {
                    if (id.contains(":")) {
                        update(connection, "DELETE FROM job_result_events WHERE order_id = ? AND status = ?", id.split(":"));
                    } else {
                        update(connection, "DELETE FROM orders WHERE order_id = ?", id);
                    }
                }
                for (ArchivedRecord record : records) {
                    if (record.isFinalStatus() && !notNotified.contains(record.id())) {
                        notified(connection, record.orderId(), record.status().name(),
                                Instant.parse(Json.MAPPER.readTree(record.json()).path("timestamp").asText()));
                    }
                }
            }
            // a final status missing in search: none of the order's job results indexed
            redrive.search(records.stream().filter(r -> r.status() == null ? !notInSearch.contains(r.id())
                    : !notInSearch.contains(r.orderId() + ":" + finalOf(records, r.orderId()))).toList());
            lookup.refresh();
        }

        /** An order added later: loaded, indexed, its (absent) notifications nothing to add. */
        void fillOrder(String orderId, Instant hour) throws Exception {
            for (StoredObject object : reader.objects(ArchiveLayout.ORDERS, hour)) {
                redrive.database(List.of(object));
            }
            StoredObject any = reader.objects(ArchiveLayout.ORDERS, hour).get(0);
            redrive.search(List.of(new ArchivedRecord(any, 1, orderLines.get(orderId).get(0), orderId, null)));
            lookup.refresh();
        }

        /** Held by the sinks, not in the archive, by their own time inside h2: x-1 in the database, x-2 in search, x-3 told. */
        void plantExtras() throws Exception {
            Instant at = h2.plus(Duration.ofMinutes(15));
            StoredObject stray = new StoredObject("stray", "\"stray\"", 1, at);
            try (Connection connection = db.dataSource.getConnection()) {
                update(connection, "INSERT INTO orders (order_id, customer, ordered_at, raw_json, loaded_at) VALUES (?, ?, ?, ?, ?)",
                        "x-1", "x-1@example.com", DatabaseSink.utc(at), order("x-1", at), Timestamp.from(at));
                update(connection, "INSERT INTO job_result_events (order_id, status, event_at, customer, raw_json)"
                        + " VALUES (?, ?, ?, ?, ?)", "x-1", "Completed", DatabaseSink.utc(at), "x-1@example.com",
                        result("x-1", "Completed", at));
                notified(connection, "x-3", "Completed", at);
            }
            redrive.search(List.of(new ArchivedRecord(stray, 1, result("x-2", "Failed", at), "x-2", JobStatus.Failed)));
            lookup.refresh();
        }

        private void notified(Connection connection, String orderId, String status, Instant at) throws Exception {
            update(connection, "INSERT INTO notification_sent (order_id, status, sent_at) VALUES (?, ?, ?)", orderId, status,
                    Timestamp.from(at));
        }

        private static void update(Connection connection, String sql, Object... values) throws Exception {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.executeUpdate();
            }
        }

        Rebuild.Progress rebuilt(Rebuild rebuild, String sink, HourRange range) {
            Rebuild.Progress progress = rebuild.start(sink, range).orElseThrow();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> !progress.running());
            lookup.refresh();
            return progress;
        }

        /** What the sinks hold of this world. */
        Map<String, Long> sinkCounts() throws Exception {
            SearchLookup.requests(searchClient).send("POST", "/" + ordersIndex + "*," + statusIndex + "," + historyIndex
                    + "*/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
            Map<String, Long> counts = new TreeMap<>();
            counts.put("orders", number("SELECT COUNT(*) FROM orders"));
            counts.put("events", number("SELECT COUNT(*) FROM job_result_events"));
            counts.put("finalEvents", number("SELECT COUNT(*) FROM job_result_events WHERE status IN ('Completed', 'Failed')"));
            counts.put("orderStatus", number("SELECT COUNT(*) FROM order_status"));
            counts.put("notificationRecords", number("SELECT COUNT(*) FROM notification_sent"));
            counts.put("orderDocs", docs(ordersIndex + "-*"));
            counts.put("statusDocs", docs(statusIndex));
            counts.put("historyDocs", docs(historyIndex + "-*"));
            return counts;
        }

        private long number(String sql) throws Exception {
            return Long.parseLong(Databases.rows(db.dataSource, sql).get(0));
        }

        private long docs(String index) throws Exception {
            String answer = SearchLookup.requests(searchClient).send("GET",
                    "/" + index + "/_count?ignore_unavailable=true&allow_no_indices=true", null);
            return Json.MAPPER.readTree(answer).path("count").asLong();
        }

        /** Order document id -> its _version. */
        Map<String, Long> orderDocVersions() throws Exception {
            lookup.refresh();
            String answer = SearchLookup.requests(searchClient).send("POST",
                    "/" + ordersIndex + "-*/_search?ignore_unavailable=true&allow_no_indices=true",
                    "{\"size\":1000,\"version\":true,\"_source\":false,\"query\":{\"match_all\":{}}}");
            Map<String, Long> versions = new TreeMap<>();
            for (JsonNode hit : Json.MAPPER.readTree(answer).path("hits").path("hits")) {
                versions.put(hit.path("_id").asText(), hit.path("_version").asLong());
            }
            return versions;
        }

        @Override
        public void close() throws Exception {
            db.close();
        }
    }

    /** The order's final status in {@code records}. */
    private static String finalOf(List<ArchivedRecord> records, String orderId) {
        Predicate<ArchivedRecord> finalOfOrder = r -> r.orderId().equals(orderId) && r.isFinalStatus();
        return records.stream().filter(finalOfOrder).map(r -> r.status().name()).findFirst().orElse("");
    }
}
