package com.chief.tailor;

import com.chief.db.Transactions;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code job_result_outbox} table: one intent per job and status to announce on
 * {@code JobResultsStream}, written in the transaction that changes the job (see {@link JobStore}),
 * marked once Kinesis has acknowledged it.
 */
public final class JobResultOutbox {

    private final DataSource dataSource;

    public JobResultOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The statement that records intents in the caller's transaction, each added with {@link #addRecord}, run as a batch. */
    static PreparedStatement prepareRecord(Connection connection) throws SQLException {
        return connection.prepareStatement("INSERT IGNORE INTO job_result_outbox (order_id, status, reason, occurred_at)"
                + " VALUES (?, ?, ?, ?)");
    }

    static void addRecord(PreparedStatement insert, String orderId, JobStatus status, String reason, Instant at)
            throws SQLException {
        insert.setString(1, orderId);
        insert.setString(2, status.name());
        insert.setString(3, reason);
        insert.setTimestamp(4, Timestamp.from(at));
        insert.addBatch();
    }

    /** The oldest job results Kinesis has not acknowledged yet, as they are to be sent. */
    public List<JobResult> unacknowledged(int limit) throws SQLException {
        List<JobResult> results = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT o.order_id, j.customer, j.factory_id, j.robot_id,"
                        + " o.status, o.reason, o.occurred_at FROM job_result_outbox o JOIN tailor_job j ON j.order_id = o.order_id"
                        + " WHERE o.acknowledged_at IS NULL ORDER BY o.occurred_at, o.order_id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    results.add(new JobResult(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            JobStatus.valueOf(rows.getString(5)), rows.getString(6), rows.getTimestamp(7).toInstant()));
                }
            }
        }
        return results;
    }

    /** Marks the results acknowledged, all in one transaction and one JDBC batch. */
    public void acknowledge(List<JobResult> results) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            Transactions.run(connection, transaction -> {
                // by primary key only: with "acknowledged_at IS NULL" in the WHERE, H2 (until Dec 2026) walked the acknowledged_at index
                try (PreparedStatement update = transaction.prepareStatement("UPDATE job_result_outbox"
                        + " SET acknowledged_at = COALESCE(acknowledged_at, ?) WHERE order_id = ? AND status = ?")) {
                    for (JobResult result : results) {
                        update.setTimestamp(1, now);
                        update.setString(2, result.orderId());
                        update.setString(3, result.status().name());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                return null;
            });
        }
    }
}
