package com.chief.support;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A second connection to the test MariaDB that cuts a writer's connection in the middle of its batch: it
 * waits until the writer's open transaction has written some rows but not all (counted under READ
 * UNCOMMITTED, so the rows not yet committed are seen), finds the writer's connection in
 * {@code SHOW PROCESSLIST} by the statement it runs, and kills that connection ({@code KILL CONNECTION}).
 * Tells how many rows the transaction had written when the kill was sent.
 */
public final class MidBatchConnectionKiller {

    private final String database;
    private final String rowsWritten;
    private final String statementPrefix;

    /**
     * @param rowsWritten a COUNT query of the rows the writer's batch writes
     * @param statementPrefix how the writer's statement starts, to find its connection in the process list
     */
    public MidBatchConnectionKiller(String database, String rowsWritten, String statementPrefix) {
        this.database = database;
        this.rowsWritten = rowsWritten;
        this.statementPrefix = statementPrefix;
    }

    /** Starts watching; completes with the uncommitted row count at the kill. */
    public CompletableFuture<Long> killOnceWriting() {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection killer = DriverManager.getConnection(MariaDb.url(database))) {
                killer.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                await("the writer's batch has written rows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                        .until(() -> count(killer) > 0);
                long writer = await("the writer's connection in the process list").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(2)).until(() -> writerConnection(killer), id -> id > 0);
                long written = count(killer);
                try (Statement kill = killer.createStatement()) {
                    kill.execute("KILL CONNECTION " + writer);
                }
                return written;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long count(Connection killer) throws SQLException {
        try (Statement statement = killer.createStatement(); ResultSet rows = statement.executeQuery(rowsWritten)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long writerConnection(Connection killer) throws SQLException {
        try (Statement statement = killer.createStatement(); ResultSet rows = statement.executeQuery("SHOW FULL PROCESSLIST")) {
            while (rows.next()) {
                String info = rows.getString("Info");
                if (database.equals(rows.getString("db")) && info != null && info.startsWith(statementPrefix)) {
                    return rows.getLong("Id");
                }
            }
        }
        return -1;
    }
}
