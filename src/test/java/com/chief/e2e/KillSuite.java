package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.chief.generate.OrderFiles;
import com.chief.generate.OrderGenerator;
import com.chief.intake.OrderParser;
import com.chief.intake.ParsedRecord;
import com.chief.intake.RawRecord;
import com.chief.model.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The kill suite of issue 20: Chief on its defaults, SIGKILLed {@value #KILLS} times at moments a seeded
 * {@link Random} chooses (mid-intake, mid-processing, while notifications flow, while a load run holds
 * the lease), sometimes together with all its child processes (embedded MariaDB, Kinesis emulator, KPL
 * daemon) as in a machine-level crash, and restarted on the same data and ports each time. Then
 * {@link SinkCensus} counts every sink: every order once in S3, search and the database; one Pending,
 * InProgress and final status per order in the archive, the history index, {@code job_result_events}
 * and the notifications; no order with both Completed and Failed; repeated deliveries within one per
 * notify reader and kill. Run on the default local stack (everything embedded, {@link ChiefKillSuiteIT}) and
 * with MariaDB as Aurora's stand-in ({@link ChiefKillSuiteMariaDbIT}), two classes so that two test JVMs
 * can run them side by side. {@code -Dkillsuite.seed=<n>} repeats a run's choices. Each kill is reported as a
 * test of its own, then the census.
 */
abstract class KillSuite {

    private static final int KILLS = 8; // each phase twice
    private static final long DEFAULT_SEED = 20_2026L;
    /** Of the kills, this many take the child processes with the JVM. */
    private static final int WHOLE_TREE_KILLS = 3;
    private static final int RECORDS_PER_FILE = 50;

    /** Where in Chief's work a kill lands. */
    enum Phase { INTAKE, PROCESSING, NOTIFICATION, LOAD }

    /** One kill as planned by the seed, and what was seen when it happened. */
    private record Kill(Phase phase, boolean wholeTree, long delayMs, List<String> seen) {
        @Override
        public String toString() {
            return String.format("%-12s %-16s delay %5d ms  %s", phase, wholeTree ? "JVM+children" : "JVM only", delayMs,
                    String.join(", ", seen));
        }
    }

    @TempDir
    Path workDir;

    /**
     * One test per kill, then the census: a Chief that does not start is reported as that kill's failure, and the
     * kills after it and the census still run (the next start takes over its files).
     */
    Stream<DynamicTest> run(String stack, Map<String, String> databaseEnv, Function<ChiefProcess, String> databaseUrl,
            AutoCloseable dropDatabase) throws Exception {
        long started = System.nanoTime();
        long seed = Long.getLong("killsuite.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        System.out.printf("%nKill suite (%s): seed %d (repeat with -Dkillsuite.seed=%d)%n", stack, seed, seed);

        // --- the orders: ~1,800 unique valid ones, 5% repeats, dropped in batches over the run ---
        ReferenceData reference = ReferenceData.load(Path.of("reference-data.yaml"));
        List<String> records = new OrderGenerator(reference, seed, Clock.systemUTC()).generate(1500, 320, 0.05, 0.0).records();
        Set<String> expected = new HashSet<>();
        OrderParser parser = new OrderParser(reference, Clock.systemUTC());
        long n = 0;
        for (String record : records) {
            if (parser.parse(RawRecord.value(++n, record)) instanceof ParsedRecord.Accepted accepted) {
                expected.add(accepted.id());
            }
        }
        List<Path> files = OrderFiles.write(Files.createDirectories(workDir.resolve("staging")), "orders", records, RECORDS_PER_FILE);
        List<List<Path>> batches = batches(files, KILLS + 1);
        List<Kill> plan = plan(random);

        Map<String, String> env = new HashMap<>(databaseEnv);
        ChiefRestarts.stablePorts(env, ChiefProcess.PORT_KEYS);
        env.putAll(Map.of(
                // a factory hour takes 10 ms; the promise is far away, so no SLA-breach noise
                "CHIEF_TAILOR_SPEED_FACTOR", "360000",
                "CHIEF_TAILOR_PROMISE_HOURS", "1000000",
                // Failed finals are common: a job decided twice would show as Completed and Failed
                "CHIEF_TAILOR_FAILURE_RATE", "0.3",
                "CHIEF_ARCHIVE_MAX_AGE_MS", "1000",
                "CHIEF_AURORA_CRON", "0/5 * * * * ?",
                "CHIEF_AURORA_BATCH_SIZE", "100",
                "CHIEF_CONSUMER_MAX_BACKOFF_MS", "4000",
                "CHIEF_INTAKE_RETRY_DELAY_MS", "2000",
                "CHIEF_NOTIFY_CHANNEL", "webhook"));
        Path inbox = workDir.resolve("data/inbox/orders");
        WebhookReceiver webhook = new WebhookReceiver().start();
        env.put("CHIEF_NOTIFY_WEBHOOK_URL", webhook.url());
        ChiefRestarts restarts = new ChiefRestarts(workDir, env, "kill-suite/" + stack);
        Moments moments = new Moments(inbox, webhook.deliveries());

        Stream<DynamicTest> kills = IntStream.range(0, KILLS).mapToObj(i -> dynamicTest("kill " + (i + 1) + ": "
                + plan.get(i).phase() + (plan.get(i).wholeTree() ? ", JVM and children" : ", JVM only"), () -> {
                    Kill kill = plan.get(i);
                    ChiefProcess chief;
                    try {
                        chief = restarts.start();
                    } finally {
                        batches.get(i).forEach(file -> ChiefProcess.drop(file, inbox));
                    }
                    moments.reach(kill, chief, databaseUrl.apply(chief));
                    if (kill.wholeTree()) {
                        restarts.crashWithChildren(chief);
                    } else {
                        restarts.crash(chief);
                    }
                    System.out.printf("KILL %2d: %s%n", i + 1, kill);
                }));
        DynamicTest count = dynamicTest("census: every order once in every sink", () -> {
            // --- the last Chief: everything settles, then the census ---
            ChiefProcess last = restarts.start();
            batches.get(KILLS).forEach(file -> ChiefProcess.drop(file, inbox));
            try (S3Client s3 = ArchiveBucket.client(Integer.parseInt(env.get("CHIEF_LOCAL_S3_PORT")));
                    KinesisClient kinesis = last.kinesis()) {
                SinkCensus census = new SinkCensus(s3, "http://127.0.0.1:" + env.get("CHIEF_LOCAL_SEARCH_PORT"),
                        databaseUrl.apply(last), kinesis, webhook.deliveries(), inbox, KILLS);
                boolean settled = true;
                try {
                    await("everything settles").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3))
                            .failFast("Chief exited", () -> !last.isAlive())
                            .until(() -> census.settled(expected));
                    census.staysSettled(expected, last);
                } catch (ConditionTimeoutException e) {
                    settled = false; // counted and reported all the same: the table says what is missing
                }
                SinkCensus.Counts counts = census.count();
                report(stack, seed, plan, records.size(), expected, counts, Duration.ofNanos(System.nanoTime() - started));
                assertThat(settled).as("every sink reached every order within 4 minutes of the last start").isTrue();
                SinkCensus.verify(counts, expected);
            }
            last.terminate(Duration.ofSeconds(60));
        });
        // JUnit closes the stream once its tests ran: every Chief, then the webhook, then the database
        return Stream.concat(kills, Stream.of(count)).onClose(() -> {
            try (dropDatabase; webhook; restarts) {
                System.out.println("kill suite (" + stack + ") done");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The seed's plan: every phase at least twice (the rest drawn), {@value #WHOLE_TREE_KILLS} kills of the
     * whole process tree, in a shuffled order, and each kill's delay.
     */
    private static List<Kill> plan(Random random) {
        List<Phase> phases = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            phases.add(phase);
            phases.add(phase);
        }
        while (phases.size() < KILLS) {
            phases.add(Phase.values()[random.nextInt(Phase.values().length)]);
        }
        Collections.shuffle(phases, random);
        List<Boolean> wholeTree = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            wholeTree.add(i < WHOLE_TREE_KILLS);
        }
        Collections.shuffle(wholeTree, random);
        List<Kill> plan = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            Phase phase = phases.get(i);
            long delay = switch (phase) {
                case INTAKE -> 100 + random.nextInt(1_900); // files just dropped, being read and produced
                case PROCESSING -> 1_000 + random.nextInt(9_000); // any moment after the drop
                case NOTIFICATION -> random.nextInt(1_500); // after notifications start flowing
                case LOAD -> random.nextInt(500); // after a load run took the lease
            };
            plan.add(new Kill(phase, wholeTree.get(i), delay, new ArrayList<>()));
        }
        return plan;
    }

    /** Splits the files into {@code count} batches of (nearly) equal size, in order. */
    private static List<List<Path>> batches(List<Path> files, int count) {
        List<List<Path>> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(files.subList(i * files.size() / count, (i + 1) * files.size() / count));
        }
        return batches;
    }

    /** Waits for the moment a kill was planned for and notes what the sinks showed then. */
    private record Moments(Path inbox, Map<String, ?> deliveries) {

        void reach(Kill kill, ChiefProcess chief, String databaseUrl) throws Exception {
            int notifiedBefore = deliveries.size();
            try {
                switch (kill.phase()) {
                    case INTAKE, PROCESSING -> {
                    }
                    case NOTIFICATION -> org.awaitility.Awaitility.await("notifications flowing").atMost(Duration.ofSeconds(45))
                            .pollInterval(Duration.ofMillis(20)).failFast("Chief exited", () -> !chief.isAlive())
                            .until(() -> deliveries.size() > notifiedBefore);
                    case LOAD -> {
                        // a run that holds the lease and is inserting, not one that took the lease and found nothing
                        long[] rows = {orderRows(databaseUrl)};
                        org.awaitility.Awaitility.await("a load run inserting under the lease").atMost(Duration.ofSeconds(45))
                                .pollInterval(Duration.ofMillis(20)).failFast("Chief exited", () -> !chief.isAlive())
                                .until(() -> {
                                    long now = orderRows(databaseUrl);
                                    boolean inserting = now > rows[0] && leaseHeld(databaseUrl);
                                    rows[0] = now;
                                    return inserting;
                                });
                    }
                }
            } catch (ConditionTimeoutException e) {
                kill.seen().add("moment NOT reached within 45 s");
            }
            Thread.sleep(kill.delayMs()); // the seed's moment for the kill: pacing the fault, nothing awaited
            kill.seen().add(ChiefRestarts.files(inbox).size() + " files in the inbox");
            kill.seen().add(deliveries.size() + " notified (+" + (deliveries.size() - notifiedBefore) + ")");
            kill.seen().add((leaseHeld(databaseUrl) ? "lease held, " : "lease free, ") + orderRows(databaseUrl) + " order rows");
        }

        private static boolean leaseHeld(String databaseUrl) {
            return number(databaseUrl, "SELECT COUNT(*) FROM load_lease WHERE leased_until > CURRENT_TIMESTAMP") > 0;
        }

        private static long orderRows(String databaseUrl) {
            return number(databaseUrl, "SELECT COUNT(*) FROM orders");
        }

        /** -1 while the database does not answer (or its tables are not there yet). */
        private static long number(String databaseUrl, String sql) {
            try (Connection connection = DriverManager.getConnection(databaseUrl);
                    Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (java.sql.SQLException e) {
                return -1;
            }
        }
    }

    private static void report(String stack, long seed, List<Kill> plan, int records, Set<String> expected,
            SinkCensus.Counts counts, Duration runtime) {
        int unique = expected.size();
        StringBuilder out = new StringBuilder(String.format("%nKill suite (%s): seed %d, %d kills, %d records dropped "
                + "(%d unique valid orders, %d repeats), runtime %d s%n", stack, seed, plan.size(), records, unique,
                records - unique, runtime.toSeconds()));
        for (int i = 0; i < plan.size(); i++) {
            out.append(String.format("  kill %2d: %s%n", i + 1, plan.get(i)));
        }
        SinkCensus.Tally tally = SinkCensus.tally(counts, expected);
        out.append(SinkCensus.table(counts, unique));
        out.append(String.format("kills survived: %d; orders lost: %d; orders doubled: %d%n", plan.size(), tally.lost().size(),
                tally.doubled().size()));
        System.out.println(out);
    }
}
