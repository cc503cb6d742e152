package com.chief.tailor;

import com.chief.db.Transactions;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.model.Order;
import com.chief.model.RobotId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Jobs in the {@code tailor_job} table; a status only ever moves forward, and each change is
 * recorded with its intent to announce it ({@link JobResultOutbox}) in one transaction.
 */
public final class JobStore {

    /** Ids per IN list when reading the statuses of a group of jobs. */
    private static final int IN_LIST = 500;

    private final DataSource dataSource;

    public JobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the new Pending jobs and, in the same transaction, the intent to announce each; returns the
     * order ids of the jobs recorded now, without the orders that already had a job (a replay). One
     * transaction and one JDBC batch per statement for the group. Another instance recording one of these
     * orders at the same moment (a shard lease changing hands) makes the insert fail on the order's key:
     * nothing is recorded and the caller's batch is offered again, which then finds that job.
     */
    public Set<String> create(List<Job> group) throws SQLException {
        if (group.isEmpty()) {
            return Set.of();
        }
        return inTransaction(connection -> {
            Set<String> recorded = statuses(connection, group.stream().map(Job::orderId).toList(), false).keySet();
            Set<String> created = new LinkedHashSet<>();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tailor_job (order_id, customer,"
                    + " factory_id, robot_id, status, order_json, received_at, due_at, updated_at, shard_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement intents = JobResultOutbox.prepareRecord(connection)) {
                Timestamp now = Timestamp.from(Instant.now());
                for (Job job : group) {
                    if (recorded.contains(job.orderId()) || !created.add(job.orderId())) {
                        continue;
                    }
                    insert.setString(1, job.orderId());
                    insert.setString(2, job.order().customer());
                    insert.setString(3, job.factoryId());
                    insert.setString(4, job.robotId());
                    insert.setString(5, JobStatus.Pending.name());
                    insert.setString(6, Json.MAPPER.writeValueAsString(job.order()));
                    insert.setTimestamp(7, Timestamp.from(job.receivedAt()));
                    insert.setTimestamp(8, Timestamp.from(job.dueAt()));
                    insert.setTimestamp(9, now);
                    insert.setString(10, job.shardId());
                    insert.addBatch();
                    JobResultOutbox.addRecord(intents, job.orderId(), JobStatus.Pending, null, job.receivedAt());
                }
                if (!created.isEmpty()) {
                    insert.executeBatch();
                    intents.executeBatch();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return created;
        });
    }

    /**
     * Moves each job to its change's status where that is forward from where it is and, in the same
     * transaction, records the intent to announce it; returns the changes made (the others recorded
     * nothing), a final one that skipped InProgress preceded by that InProgress. The changes are taken
     * in their order, so one job may move twice (InProgress, then Completed). One transaction and one
     * JDBC batch per statement for the whole group: the jobs' rows are locked first, so the forward
     * check and the writes see the same statuses.
     */
    public List<JobResult> advance(List<JobResult> changes) throws SQLException {
        return inTransaction(connection -> {
            Map<String, JobStatus> current = statuses(connection, changes.stream().map(JobResult::orderId).distinct().toList(), true);
            List<JobResult> made = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tailor_job SET status = ?, reason = ?, updated_at = ? WHERE order_id = ?");
                    PreparedStatement intents = JobResultOutbox.prepareRecord(connection)) {
                for (JobResult change : changes) {
                    JobStatus at = current.get(change.orderId());
                    if (at == null || !at.precedes(change.status())) {
                        continue; // no such job, or not forward (e.g. a resumed job reporting again)
                    }
                    current.put(change.orderId(), change.status());
                    update.setString(1, change.status().name());
                    update.setString(2, change.reason());
                    update.setTimestamp(3, Timestamp.from(change.timestamp()));
                    update.setString(4, change.orderId());
                    update.addBatch();
                    if (change.status().isFinal() && at.precedes(JobStatus.InProgress)) {
                        // a job that ended has been in progress: that change was lost (its write failed while the
                        // database was away and the final one got in first), so it is recorded and made now
                        JobResult implied = new JobResult(change.orderId(), change.customer(), change.factoryId(),
                                change.robotId(), JobStatus.InProgress, null, change.timestamp().minusMillis(1));
                        JobResultOutbox.addRecord(intents, implied.orderId(), implied.status(), null, implied.timestamp());
                        made.add(implied);
                    }
                    JobResultOutbox.addRecord(intents, change.orderId(), change.status(), change.reason(), change.timestamp());
                    made.add(change);
                }
                if (!made.isEmpty()) {
                    update.executeBatch();
                    intents.executeBatch();
                }
            }
            return made;
        });
    }

    /** The recorded status of each of the jobs that exist; {@code lock}: their rows locked until the transaction ends. */
    private static Map<String, JobStatus> statuses(Connection connection, List<String> ids, boolean lock) throws SQLException {
        Map<String, JobStatus> statuses = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            try (PreparedStatement select = connection.prepareStatement("SELECT order_id, status FROM tailor_job WHERE order_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")" + (lock ? " FOR UPDATE" : ""))) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        statuses.put(rows.getString(1), JobStatus.valueOf(rows.getString(2)));
                    }
                }
            }
        }
        return statuses;
    }

    /** The recorded status of each of these jobs that exists, read a few hundred per query. */
    public Map<String, JobStatus> statuses(List<String> orderIds) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return statuses(connection, orderIds, false);
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

    /**
     * The shard's jobs not finished yet (Pending or InProgress), oldest first, to take up when this
     * instance starts reading the shard; {@code shardId} null: the jobs recorded without a shard.
     */
    public List<Job> unfinishedOfShard(String shardId) throws SQLException {
        return unfinishedJobs(shardId == null ? "shard_id IS NULL" : "shard_id = ?", shardId);
    }

    /** The order's job if it is not finished yet (a replayed order whose job may never have reached a robot), else null. */
    public Job unfinished(String orderId) throws SQLException {
        return unfinishedJobs("order_id = ?", orderId).stream().findFirst().orElse(null);
    }

    /** Unfinished jobs matching {@code condition}, with {@code value} for its one parameter (if it has one). */
    private List<Job> unfinishedJobs(String condition, String value) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT order_json, shard_id, factory_id, robot_id,"
                        + " received_at, due_at FROM tailor_job WHERE " + JobStatus.unfinishedSql("status") + " AND " + condition
                        + " ORDER BY received_at")) {
            if (condition.contains("?")) {
                select.setString(1, value);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Order order = Json.MAPPER.readValue(rows.getString(1), Order.class);
                    jobs.add(new Job(order, rows.getString(2), rows.getString(3), RobotId.number(rows.getString(4)),
                            rows.getTimestamp(5).toInstant(), rows.getTimestamp(6).toInstant()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jobs;
    }

    private <T> T inTransaction(Transactions.Work<T, RuntimeException> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Transactions.run(connection, work);
        }
    }
}
