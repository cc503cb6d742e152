package com.chief.tailor;

import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.model.Order;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Jobs in the {@code tailor_job} table; a status only ever moves forward. */
public final class JobStore {

    private final DataSource dataSource;

    public JobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a new Pending job; false if the order already has one (a replay). */
    public boolean create(Job job) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO tailor_job (order_id, customer,"
                        + " factory_id, robot_id, status, order_json, received_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, job.orderId());
            insert.setString(2, job.order().customer());
            insert.setString(3, job.factoryId());
            insert.setString(4, job.robotId());
            insert.setString(5, JobStatus.Pending.name());
            insert.setString(6, Json.MAPPER.writeValueAsString(job.order()));
            insert.setTimestamp(7, Timestamp.from(job.receivedAt()));
            insert.setTimestamp(8, Timestamp.from(job.dueAt()));
            insert.setTimestamp(9, Timestamp.from(Instant.now()));
            return insert.executeUpdate() == 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a job to {@code next} if that is forward from where it is; false otherwise. */
    public boolean advance(String orderId, JobStatus next, String reason) throws SQLException {
        List<String> earlier = new ArrayList<>();
        for (JobStatus status : JobStatus.values()) {
            if (status.precedes(next)) {
                earlier.add("'" + status.name() + "'");
            }
        }
        if (earlier.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE tailor_job SET status = ?, reason = ?, updated_at = ?"
                        + " WHERE order_id = ? AND status IN (" + String.join(",", earlier) + ")")) {
            update.setString(1, next.name());
            update.setString(2, reason);
            update.setTimestamp(3, Timestamp.from(Instant.now()));
            update.setString(4, orderId);
            return update.executeUpdate() == 1;
        }
    }

    public JobStatus status(String orderId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT status FROM tailor_job WHERE order_id = ?")) {
            select.setString(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? JobStatus.valueOf(row.getString(1)) : null;
            }
        }
    }

    /** Jobs not finished yet (Pending or InProgress) with their status, to resume after a restart. */
    public Map<Job, JobStatus> unfinished() throws SQLException {
        Map<Job, JobStatus> jobs = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT order_json, factory_id, robot_id, received_at, due_at,"
                        + " status FROM tailor_job WHERE status IN ('Pending', 'InProgress') ORDER BY received_at");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Order order = Json.MAPPER.readValue(rows.getString(1), Order.class);
                jobs.put(new Job(order, rows.getString(2), Integer.parseInt(rows.getString(3).substring(5)),
                        rows.getTimestamp(4).toInstant(), rows.getTimestamp(5).toInstant()), JobStatus.valueOf(rows.getString(6)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jobs;
    }
}
