package com.chief.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.ChiefSettings;
import com.chief.config.QuartzCluster;
import com.chief.support.Databases;
import com.chief.support.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table purge on MariaDB: what is finished and old goes, in bounded batches; unfinished work and young rows stay. */
class RetentionPurgeIT {

    private static final Instant NOW = Instant.now();
    private static final Instant OLD = NOW.minus(Duration.ofDays(40)); // past every default retention
    private static final Instant YOUNG = NOW.minus(Duration.ofHours(12)); // within every default retention

    @TempDir
    Path dir;

    @Test
    void finishedRowsOlderThanTheirRetentionGoAndUnfinishedOrYoungOnesStay() throws Exception {
        try (Databases db = Databases.create()) {
            DataSource data = db.dataSource;
            sql(data, "INSERT INTO processed_message (processor, message_id, created_at) VALUES (?, ?, ?)",
                    row("app", "old", OLD), row("app", "young", YOUNG));
            job(data, "done-old", "Completed", OLD);
            job(data, "failed-old", "Failed", OLD);
            job(data, "running-old", "InProgress", OLD); // unfinished: stays, whatever its age
            job(data, "done-young", "Completed", YOUNG);
            job(data, "done-old-unannounced", "Completed", OLD); // its final intent not acknowledged yet: stays
            sql(data, "INSERT INTO job_result_outbox (order_id, status, occurred_at, acknowledged_at) VALUES (?, ?, ?, ?)",
                    row("done-old", "Completed", OLD, OLD),
                    row("running-old", "Pending", OLD, OLD), // acknowledged, but its job is still running
                    row("done-old-unannounced", "Completed", OLD, null),
                    row("done-young", "Completed", YOUNG, YOUNG));
            sql(data, "INSERT INTO notification_sent (order_id, status, sent_at) VALUES (?, ?, ?)",
                    row("done-old", "Completed", OLD), row("done-young", "Completed", YOUNG));
            sql(data, "INSERT INTO order_final_status (order_id, status, claimed_at) VALUES (?, ?, ?)",
                    row("done-old", "Completed", OLD), row("done-young", "Completed", YOUNG));
            sql(data, "INSERT INTO load_manifest (object_key, etag, size_bytes, rows_read, rows_inserted, rows_present,"
                    + " rows_rejected, load_error, loaded_at) VALUES (?, ?, 1, 1, 1, 0, 0, ?, ?)",
                    row("orders/loaded-old", "e1", null, OLD),
                    row("orders/set-aside-old", "e1", "corrupt gzip", OLD), // unfinished: an operator acts on it
                    row("orders/loaded-young", "e1", null, YOUNG),
                    row("orders/fixed-old", "e1", "corrupt gzip", OLD), // set aside, then loaded in a new version:
                    row("orders/fixed-old", "e2", null, OLD)); // kept, or the loader would fetch the key again
            sql(data, "INSERT INTO load_rejected_line (object_key, etag, line_number, reason, raw_line, rejected_at)"
                    + " VALUES (?, 'e1', 1, 'not JSON', 'x', ?)", row("orders/a", OLD), row("orders/b", YOUNG));
            sql(data, "INSERT INTO intake_file_lock (processorName, messageId, createdAt, owner) VALUES (?, ?, ?, 'i')",
                    row("intake-orders", "gone.json", OLD), row("intake-orders", "reading.json", NOW));

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            Map<String, Long> purged = purge(data, 1000, meters).run();

            assertThat(purged).as("one run, every table").isEqualTo(Map.of(
                    "processed_message", 1L, "job_result_outbox", 1L, "tailor_job", 2L, "notification_sent", 1L,
                    "order_final_status", 1L, "load_manifest", 1L, "load_rejected_line", 1L, "intake_file_lock", 1L));
            assertThat(ids(data, "SELECT message_id FROM processed_message")).containsExactly("young");
            assertThat(ids(data, "SELECT order_id FROM tailor_job ORDER BY order_id"))
                    .containsExactly("done-old-unannounced", "done-young", "running-old");
            assertThat(ids(data, "SELECT CONCAT(order_id, ':', status) FROM job_result_outbox ORDER BY order_id"))
                    .containsExactly("done-old-unannounced:Completed", "done-young:Completed", "running-old:Pending");
            assertThat(ids(data, "SELECT order_id FROM notification_sent")).containsExactly("done-young");
            assertThat(ids(data, "SELECT order_id FROM order_final_status")).containsExactly("done-young");
            assertThat(ids(data, "SELECT CONCAT(object_key, ':', etag) FROM load_manifest ORDER BY object_key, etag"))
                    .containsExactly("orders/fixed-old:e1", "orders/fixed-old:e2", "orders/loaded-young:e1", "orders/set-aside-old:e1");
            assertThat(ids(data, "SELECT object_key FROM load_rejected_line")).containsExactly("orders/b");
            assertThat(ids(data, "SELECT messageId FROM intake_file_lock")).containsExactly("reading.json");
            assertThat(meters.counter("chief.retention.purged", "target", "tailor_job").count()).isEqualTo(2.0);

            assertThat(purge(data, 1000, new SimpleMeterRegistry()).run().values()).as("a second run finds nothing").containsOnly(0L);
        }
    }

    @Test
    void batchesAreBounded() throws Exception {
        try (Databases db = Databases.create()) {
            for (int i = 0; i < 5; i++) {
                sql(db.dataSource, "INSERT INTO notification_sent (order_id, status, sent_at) VALUES (?, 'Completed', ?)",
                        row("o-" + i, OLD));
            }
            sql(db.dataSource, "INSERT INTO notification_sent (order_id, status, sent_at) VALUES ('o-young', 'Completed', ?)",
                    row(YOUNG));
            TableRetention notifications = tables().stream().filter(t -> t.target().equals("notification_sent")).findFirst().orElseThrow();

            TablePurge.Result result = new TablePurge(db.dataSource, 2).purge(notifications, NOW, () -> false);

            assertThat(result).isEqualTo(new TablePurge.Result(5, 3)); // 2 + 2 + 1
            assertThat(ids(db.dataSource, "SELECT order_id FROM notification_sent")).containsExactly("o-young");
        }
    }

    @Test
    void aStopEndsThePurgeBetweenBatches() throws Exception {
        try (Databases db = Databases.create()) {
            for (int i = 0; i < 5; i++) {
                sql(db.dataSource, "INSERT INTO order_final_status (order_id, status, claimed_at) VALUES (?, 'Failed', ?)",
                        row("o-" + i, OLD));
            }
            TableRetention statuses = tables().stream().filter(t -> t.target().equals("order_final_status")).findFirst().orElseThrow();
            int[] asked = {0};

            TablePurge.Result result = new TablePurge(db.dataSource, 2).purge(statuses, NOW, () -> asked[0]++ >= 1);

            assertThat(result).isEqualTo(new TablePurge.Result(2, 1));
        }
    }

    /** The two routes on Quartz every second, as Chief wires them: the tables clustered, the folders per instance. */
    @Test
    void theScheduledRoutesPurgeTablesAndFolders() throws Exception {
        Path rejected = Files.createDirectories(dir.resolve("data/rejected"));
        Path old = Files.writeString(rejected.resolve("old.json.rejects.ndjson"), "{}\n");
        Files.setLastModifiedTime(old, FileTime.from(OLD));
        Path young = Files.writeString(rejected.resolve("young.json.rejects.ndjson"), "{}\n");
        try (Databases db = Databases.create()) {
            sql(db.dataSource, "INSERT INTO processed_message (processor, message_id, created_at) VALUES (?, ?, ?)",
                    row("app", "old", OLD), row("app", "young", YOUNG));
            ChiefSettings settings = TestSettings.local(dir.resolve("data"));
            DefaultCamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName("chief");
            context.disableJMX();
            Properties properties = new Properties();
            properties.put("chief.retention.cron", "0/1 * * * * ?");
            properties.put("chief.retention.enabled", "true");
            context.getPropertiesComponent().setInitialProperties(properties);
            QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
            QuartzCluster.configure(quartz, db.dataSource);
            quartz.setEnableJmx(false);
            context.addComponent("quartz-local", QuartzCluster.local());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            context.getRegistry().bind("retentionPurge", purge(db.dataSource, 1000, meters));
            context.getRegistry().bind("retentionFolders", new RetentionFolders(settings.retention().folders(), meters,
                    Clock.systemUTC()));
            context.addRoutes(new RetentionRoutes());
            try {
                context.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(old)
                        && ids(db.dataSource, "SELECT message_id FROM processed_message").equals(List.of("young")));
            } finally {
                context.stop();
            }
            assertThat(young).exists();
            assertThat(meters.counter("chief.retention.purged", "target", "rejected").count()).isEqualTo(1.0);
        }
    }

    private static RetentionPurge purge(DataSource data, int batchSize, SimpleMeterRegistry meters) {
        return new RetentionPurge(new TablePurge(data, batchSize), tables(), meters, Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    }

    /** The tables with their default retentions. */
    private static List<TableRetention> tables() {
        return RetentionTables.of(TestSettings.read("local", Map.of()).retention());
    }

    private static void job(DataSource data, String orderId, String status, Instant updated) throws SQLException {
        sql(data, "INSERT INTO tailor_job (order_id, customer, factory_id, robot_id, status, order_json, received_at, due_at,"
                + " updated_at) VALUES (?, 'c@example.com', 'factory1', 'robot1', ?, '{}', ?, ?, ?)",
                row(orderId, status, updated, updated, updated));
    }

    private static Object[] row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant instant) {
                values[i] = Timestamp.from(instant);
            }
        }
        return values;
    }

    private static void sql(DataSource data, String sql, Object[]... rows) throws SQLException {
        try (Connection connection = data.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 1, row[i]);
                }
                statement.executeUpdate();
            }
        }
    }

    private static List<String> ids(DataSource data, String sql) throws SQLException {
        return Databases.rows(data, sql);
    }
}
