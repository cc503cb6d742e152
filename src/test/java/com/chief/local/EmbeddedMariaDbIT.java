package com.chief.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.support.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local profile's database keeps every commit it acknowledged when its server process is killed
 * (H2, the embedded database before it, lost 31 of 327 in the same test), and what that costs.
 */
class EmbeddedMariaDbIT {

    private static final int WRITERS = 4;

    @TempDir
    Path dataDir;

    @Test
    void aKilledServerKeepsEveryAcknowledgedCommitAndIsStartedAgain() throws Exception {
        int port = FreePorts.next();
        EmbeddedMariaDb db = new EmbeddedMariaDb(dataDir, port);
        db.start();
        try {
            String url = EmbeddedMariaDb.url(port) + "?user=root";
            execute(url, "CREATE TABLE acked (id INT PRIMARY KEY, writer INT NOT NULL)");

            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> insertUntilRefused(url, writer, next, acknowledged), "writer-" + w);
                thread.start();
                writers.add(thread);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 2_000);
            ProcessHandle server = mariadbd(db);
            server.destroyForcibly(); // SIGKILL, while four writers commit
            for (Thread writer : writers) {
                writer.join(30_000);
            }
            int acked = acknowledged.size();

            // the server comes back by itself (Chief's supervision) and recovers from its log
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count(url) >= 0);
            assertThat(mariadbd(db).pid()).isNotEqualTo(server.pid());
            Set<Integer> stored = ids(url);
            List<Integer> missing = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
            System.out.printf("embedded MariaDB killed after %d acknowledged commits: %d rows after recovery, %d acknowledged missing%n",
                    acked, stored.size(), missing.size());
            assertThat(missing).as("acknowledged commits lost by the kill").isEmpty();

            System.out.printf("autocommitted inserts, one writer: %.0f/s with the log written at each commit (Chief's setting), "
                    + "%.0f/s with an fsync per commit%n", rate(url, 2, 1_000_000), rate(url, 1, 2_000_000));
        } finally {
            db.close();
        }
        assertThat(Files.exists(dataDir.resolve("db/mariadbd.pid"))).as("a clean shutdown removes the pid file").isFalse();
    }

    @Test
    void anH2DatabaseOfAnEarlierChiefIsRefusedWithTheReason() throws Exception {
        Files.createDirectories(dataDir.resolve("db"));
        Files.writeString(dataDir.resolve("db/chief.mv.db"), "H2");
        EmbeddedMariaDb db = new EmbeddedMariaDb(dataDir, FreePorts.next());
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(db::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("chief.mv.db is the H2 database of an earlier Chief")
                    .hasMessageContaining("notify every customer again");
        } finally {
            db.close();
        }
    }

    private static void insertUntilRefused(String url, int writer, AtomicInteger next, Set<Integer> acknowledged) {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO acked (id, writer) VALUES (?, ?)")) {
            while (true) {
                int id = next.incrementAndGet();
                insert.setInt(1, id);
                insert.setInt(2, writer);
                insert.executeUpdate(); // autocommit: returned means committed
                acknowledged.add(id);
            }
        } catch (SQLException serverGone) {
            // the kill
        }
    }

    /** Autocommitted inserts per second for two seconds with innodb_flush_log_at_trx_commit at {@code flush}. */
    private static double rate(String url, int flush, int firstId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO acked (id, writer) VALUES (?, 9)")) {
            statement.execute("SET GLOBAL innodb_flush_log_at_trx_commit = " + flush);
            long start = System.nanoTime();
            int rows = 0;
            while (System.nanoTime() - start < 2_000_000_000L) {
                insert.setInt(1, firstId + rows++);
                insert.executeUpdate();
            }
            statement.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static ProcessHandle mariadbd(EmbeddedMariaDb db) {
        return ProcessHandle.of(db.pid()).orElseThrow().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("mariadbd")).findFirst().orElseThrow();
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM acked")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<Integer> ids(String url) throws SQLException {
        Set<Integer> ids = new java.util.HashSet<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM acked")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }
}
