package com.chief.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.support.Databases;
import com.chief.support.MariaDb;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations, and the SQL the consumers will rely on, on MariaDB (the embedded server and Aurora's stand-in). */
class DatabaseMigrationsIT {

    @TempDir
    Path dataDir;

    @Test
    void migratesMariaDb() throws Exception {
        String database = MariaDb.createDatabase();
        try (HikariDataSource dataSource = DataSources.create(
                new ChiefSettings.Database(MariaDb.url(database), "", "", false))) {
            assertMigratesOnceAndSupportsInsertIgnore(dataSource);
        } finally {
            MariaDb.dropDatabase(database);
        }
    }

    @Test
    void anUpgradeAnnouncesUnfinishedJobsAgainAndKeepsTheNotificationsAlreadySent() throws Exception {
        String database = MariaDb.createDatabase();
        try (HikariDataSource dataSource = DataSources.create(
                new ChiefSettings.Database(MariaDb.url(database), "", "", false))) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("chief_schema_history")
                    .target("5").load().migrate();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String[] job : new String[][] {{"j-1", "Pending"}, {"j-2", "InProgress"}, {"j-3", "Completed"}}) {
                    statement.executeUpdate("INSERT INTO tailor_job (order_id, customer, factory_id, robot_id, status, order_json)"
                            + " VALUES ('" + job[0] + "', 'c@example.com', 'factory1', 'robot1', '" + job[1] + "', '{}')");
                }
                statement.executeUpdate("INSERT INTO processed_message (processor, message_id) VALUES"
                        + " ('jobresult-notify', 'n-1:Completed'), ('jobresult-notify', 'n-2:Failed'), ('jobresult-search', 'n-3:Completed')");
            }
            assertThat(DatabaseMigrations.migrate(dataSource).migrationsExecuted).isPositive();
            assertThat(Databases.rows(dataSource, "SELECT order_id, status FROM job_result_outbox WHERE acknowledged_at IS NULL"
                    + " ORDER BY order_id")).containsExactly("j-1 Pending", "j-2 InProgress");
            assertThat(Databases.rows(dataSource, "SELECT order_id, status FROM notification_sent ORDER BY order_id"))
                    .containsExactly("n-1 Completed", "n-2 Failed");
        } finally {
            MariaDb.dropDatabase(database);
        }
    }

    private static void assertMigratesOnceAndSupportsInsertIgnore(HikariDataSource dataSource) throws Exception {
        MigrateResult first = DatabaseMigrations.migrate(dataSource);
        assertThat(first.migrationsExecuted).isPositive();
        MigrateResult second = DatabaseMigrations.migrate(dataSource);
        assertThat(second.migrationsExecuted).as("second run applies nothing").isZero();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(insertIgnore(connection, List.of("a", "b", "a"))).containsExactly(1, 1, 0);
            assertThat(insertIgnore(connection, List.of("b", "c"))).containsExactly(0, 1);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM processed_message")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(3);
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO kinesis_checkpoint (application, stream_name, shard_id, sequence_number, sub_sequence)"
                        + " VALUES ('archive', 'OrdersStream', 'shard-0', '100', 0)"
                        + " ON DUPLICATE KEY UPDATE sequence_number = VALUES(sequence_number), sub_sequence = VALUES(sub_sequence)");
                statement.executeUpdate("INSERT INTO kinesis_checkpoint (application, stream_name, shard_id, sequence_number, sub_sequence)"
                        + " VALUES ('archive', 'OrdersStream', 'shard-0', '200', 3)"
                        + " ON DUPLICATE KEY UPDATE sequence_number = VALUES(sequence_number), sub_sequence = VALUES(sub_sequence)");
                try (ResultSet row = statement.executeQuery("SELECT sequence_number, sub_sequence FROM kinesis_checkpoint")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("200");
                    assertThat(row.getLong(2)).isEqualTo(3);
                    assertThat(row.next()).isFalse();
                }
            }
        }
    }

    /** Per-row counts of a batch INSERT IGNORE: 1 new, 0 duplicate. */
    private static List<Integer> insertIgnore(Connection connection, List<String> ids) throws Exception {
        List<Integer> counts = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT IGNORE INTO processed_message (processor, message_id) VALUES ('test', ?)")) {
            for (String id : ids) {
                insert.setString(1, id);
                insert.addBatch();
            }
            for (int count : insert.executeBatch()) {
                counts.add(count);
            }
        }
        return counts;
    }
}
