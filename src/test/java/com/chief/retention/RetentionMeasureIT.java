package com.chief.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.ChiefSettings;
import com.chief.support.Databases;
import com.chief.support.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code -Dretention.orders} orders (20,000 by default; the figures in docs/operations.md, Retention: 200,000) leave behind in
 * every table and folder the purge covers, their ages spread evenly over 14 days, then one purge with every
 * retention at 1 day: counts before and after, and how long each purge took. Per order: a tailor_job row,
 * three acknowledged outbox intents, a notification and a final status, nine dedupe ids (order-factory,
 * order-archive, order-search; jobresult-archive and -search per status), half a manifest row; per 20
 * orders (one intake file) the archived file, two of three with a rejects file; an .eml per order, an SLA
 * notice per 100. Jobs younger than an hour are still running (their last intent unacknowledged).
 */
class RetentionMeasureIT {

    private static final int ORDERS = Integer.getInteger("retention.orders", 20_000);
    private static final Duration SPREAD = Duration.ofDays(14);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aPurgeWithShortRetentionsBoundsEveryTableAndFolder() throws Exception {
        Instant now = Instant.now();
        ChiefSettings settings = TestSettings.local(dir.resolve("data"), retentionsOfOneDay());
        try (Databases db = Databases.create()) {
            long started = System.nanoTime();
            rows(db.dataSource, now);
            files(settings, now);
            System.out.printf("retention measure: %,d orders' rows and files written in %d s%n", ORDERS,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());

            Map<String, Long> before = counts(db.dataSource, settings);
            long tablesStarted = System.nanoTime();
            Map<String, Long> rowsPurged = new RetentionPurge(new TablePurge(db.dataSource, settings.retention().batchSize()),
                    RetentionTables.of(settings.retention()), new SimpleMeterRegistry(), Clock.fixed(now, ZoneOffset.UTC)).run();
            Duration tables = Duration.ofNanos(System.nanoTime() - tablesStarted);
            long foldersStarted = System.nanoTime();
            Map<String, Long> filesPurged = new RetentionFolders(settings.retention().folders(), new SimpleMeterRegistry(),
                    Clock.fixed(now, ZoneOffset.UTC)).run();
            Duration folders = Duration.ofNanos(System.nanoTime() - foldersStarted);
            Map<String, Long> after = counts(db.dataSource, settings);

            System.out.printf("retention measure: %,d orders, every retention 1 day, ages over 14 days, batch %d%n", ORDERS,
                    settings.retention().batchSize());
            System.out.printf("| %-19s | %12s | %12s | %10s |%n", "table / folder", "before", "after", "purged");
            before.forEach((target, count) -> System.out.printf("| %-19s | %,12d | %,12d | %,10d |%n", target, count,
                    after.get(target), rowsPurged.getOrDefault(target, filesPurged.getOrDefault(target, 0L))));
            System.out.printf("retention measure: tables purged in %.1f s (%,d rows), folders in %.1f s (%,d files)%n",
                    tables.toMillis() / 1000.0, rowsPurged.values().stream().mapToLong(Long::longValue).sum(),
                    folders.toMillis() / 1000.0, filesPurged.values().stream().mapToLong(Long::longValue).sum());

            after.forEach((target, count) -> assertThat(count).as(target + " after the purge: a day of 14, and what runs")
                    .isLessThanOrEqualTo(before.get(target) / 10 + 20));
            assertThat(after.get("tailor_job")).as("running jobs stay").isGreaterThan(0);
        }
    }

    private static Map<String, String> retentionsOfOneDay() {
        Map<String, String> days = new LinkedHashMap<>();
        Stream.of("outbox", "jobs", "notifications", "final-statuses", "load-manifest", "load-rejected-lines", "intake-locks",
                "intake-archive", "intake-error", "rejected", "dead-letter", "customer-outbox", "operations-outbox")
                .forEach(key -> days.put("chief.retention." + key + "-days", "1"));
        days.put("chief.dedupe.retention-days", "1");
        return days;
    }

    /** Generated by the server (MariaDB's sequence engine): order n is n * step seconds old. */
    private static void rows(DataSource data, Instant now) throws SQLException {
        double step = (double) SPREAD.toSeconds() / ORDERS;
        String orders = "FROM seq_1_to_" + ORDERS;
        String age = "(? - INTERVAL ROUND(seq * " + step + ") SECOND)";
        String running = "seq * " + step + " < 3600";
        sql(data, now, "INSERT INTO tailor_job (order_id, customer, factory_id, robot_id, status, order_json, received_at, due_at,"
                + " updated_at) SELECT CONCAT('o-', seq), 'c@example.com', 'factory1', 'robot1', CASE WHEN " + running
                + " THEN 'InProgress' WHEN seq % 50 = 0 THEN 'Failed' ELSE 'Completed' END, '{\"orderId\":\"x\"}', " + age
                + ", " + age + ", " + age + " " + orders, 3);
        sql(data, now, "INSERT INTO job_result_outbox (order_id, status, occurred_at, acknowledged_at)"
                + " SELECT CONCAT('o-', seq), 'Pending', " + age + ", " + age + " " + orders, 2);
        sql(data, now, "INSERT INTO job_result_outbox (order_id, status, occurred_at, acknowledged_at)"
                + " SELECT CONCAT('o-', seq), 'InProgress', " + age + ", CASE WHEN " + running + " THEN NULL ELSE " + age
                + " END " + orders, 3);
        sql(data, now, "INSERT INTO job_result_outbox (order_id, status, occurred_at, acknowledged_at)"
                + " SELECT CONCAT('o-', seq), IF(seq % 50 = 0, 'Failed', 'Completed'), " + age + ", " + age + " " + orders
                + " WHERE NOT (" + running + ")", 2);
        sql(data, now, "INSERT INTO notification_sent (order_id, status, sent_at) SELECT CONCAT('o-', seq),"
                + " IF(seq % 50 = 0, 'Failed', 'Completed'), " + age + " " + orders + " WHERE NOT (" + running + ")", 1);
        sql(data, now, "INSERT INTO order_final_status (order_id, status, claimed_at) SELECT CONCAT('o-', seq),"
                + " IF(seq % 50 = 0, 'Failed', 'Completed'), " + age + " " + orders + " WHERE NOT (" + running + ")", 1);
        for (String processor : new String[] {"order-factory", "order-archive", "order-search"}) {
            sql(data, now, "INSERT INTO processed_message (processor, message_id, created_at) SELECT '" + processor + "',"
                    + " CONCAT('o-', seq), " + age + " " + orders, 1);
        }
        for (String processor : new String[] {"jobresult-archive", "jobresult-search"}) {
            for (String status : new String[] {"Pending", "InProgress", "Completed"}) {
                sql(data, now, "INSERT INTO processed_message (processor, message_id, created_at) SELECT '" + processor + "',"
                        + " CONCAT('o-', seq, ':" + status + "'), " + age + " " + orders, 1);
            }
        }
        sql(data, now, "INSERT INTO load_manifest (object_key, etag, size_bytes, rows_read, rows_inserted, rows_present,"
                + " rows_rejected, loaded_at) SELECT CONCAT('orders/', seq), 'e', 1, 2, 2, 0, 0, " + age + " " + orders
                + " WHERE seq % 2 = 0", 1);
        sql(data, now, "INSERT INTO load_manifest (object_key, etag, size_bytes, rows_read, rows_inserted, rows_present,"
                + " rows_rejected, load_error, loaded_at) SELECT CONCAT('orders/bad-', seq), 'e', 1, 0, 0, 0, 0, 'corrupt gzip', "
                + age + " " + orders + " WHERE seq % 20000 = 1", 1);
        sql(data, now, "INSERT INTO load_rejected_line (object_key, etag, line_number, reason, raw_line, rejected_at)"
                + " SELECT CONCAT('orders/', seq), 'e', 1, 'not JSON', '{{', " + age + " " + orders + " WHERE seq % 1000 = 0", 1);
        sql(data, now, "INSERT INTO intake_file_lock (processorName, messageId, createdAt, owner) SELECT 'intake-orders',"
                + " CONCAT('gone-', seq, '.json'), " + age + ", 'i' " + orders + " WHERE seq % 20000 = 0", 1);
    }

    private static void files(ChiefSettings settings, Instant now) throws IOException {
        Duration step = SPREAD.dividedBy(ORDERS);
        ChiefSettings.Intake intake = settings.intake();
        Path customers = settings.retention().folders().stream().filter(f -> f.target().equals("customer-outbox"))
                .findFirst().orElseThrow().folder();
        for (int n = 1; n <= ORDERS; n++) {
            Instant at = now.minus(step.multipliedBy(n));
            write(customers.resolve("o-" + n + "-Completed.eml"), at);
            if (n % 20 == 0) {
                write(intake.archiveDir().resolve(DAY.format(at)).resolve("orders-" + n + ".json"), at);
                if (n % 60 != 0) {
                    write(intake.rejectedDir().resolve("orders-" + n + ".json.rejects.ndjson"), at);
                }
            }
            if (n % 100 == 0) {
                write(settings.tailor().operationsOutbox().resolve("sla-breach-o-" + n + ".json"), at);
            }
            if (n % 1000 == 0) {
                write(intake.errorDir().resolve("orders-" + n + ".zip"), at);
                write(settings.consumers().deadLetterDir().resolve("order-factory").resolve("o-" + n + ".json"), at);
            }
        }
    }

    private static void write(Path file, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static Map<String, Long> counts(DataSource data, ChiefSettings settings) throws SQLException, IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
            for (TableRetention table : RetentionTables.of(settings.retention())) {
                try (var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table.table())) {
                    rows.next();
                    counts.put(table.target(), rows.getLong(1));
                }
            }
        }
        for (FolderRetention folder : settings.retention().folders()) {
            try (Stream<Path> files = Files.walk(folder.folder())) {
                counts.put(folder.target(), files.filter(Files::isRegularFile).count());
            }
        }
        return counts;
    }

    /** One statement, {@code nows} times the run's "now" as its parameters. */
    private static void sql(DataSource data, Instant now, String sql, int nows) throws SQLException {
        try (Connection connection = data.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= nows; i++) {
                statement.setTimestamp(i, Timestamp.from(now));
            }
            statement.executeUpdate();
        }
    }
}
