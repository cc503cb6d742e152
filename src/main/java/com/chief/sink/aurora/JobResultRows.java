package com.chief.sink.aurora;

import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Archived job results into {@code job_result_events} (once per order, status and time) and
 * {@code order_status}, whose status only moves forward: the upsert keeps the row unless the new
 * status ranks higher (status_rank is assigned last, as MySQL applies the assignments in order).
 * An order has one final status: the first loaded (order_status keeps it, equal ranks never
 * replace each other); a later, different one (an archive written before the consumers enforced
 * this) is not inserted but set aside in load_rejected_line with the reason.
 */
final class JobResultRows implements TableRows {

    private static final String INSERT_EVENT = "INSERT IGNORE INTO job_result_events"
            + " (order_id, status, event_at, customer, factory_id, robot_id, reason, raw_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    /** The forward-only update of order_status, shared with the LOAD DATA FROM S3 mode. */
    static final String STATUS_FORWARD_ONLY = " ON DUPLICATE KEY UPDATE"
            + " status = CASE WHEN VALUES(status_rank) > status_rank THEN VALUES(status) ELSE status END,"
            + " factory_id = CASE WHEN VALUES(status_rank) > status_rank THEN VALUES(factory_id) ELSE factory_id END,"
            + " robot_id = CASE WHEN VALUES(status_rank) > status_rank THEN VALUES(robot_id) ELSE robot_id END,"
            + " updated_at = CASE WHEN VALUES(status_rank) > status_rank THEN VALUES(updated_at) ELSE updated_at END,"
            + " status_rank = GREATEST(status_rank, VALUES(status_rank))";
    private static final String UPSERT_STATUS = "INSERT INTO order_status"
            + " (order_id, status, factory_id, robot_id, updated_at, status_rank) VALUES (?, ?, ?, ?, ?, ?)"
            + STATUS_FORWARD_ONLY;

    /** SQL for the rank of the status name {@code expression} yields, built from {@link JobStatus#rank()}. */
    static String rankSql(String expression) {
        StringBuilder sql = new StringBuilder("CASE ").append(expression);
        for (JobStatus status : JobStatus.values()) {
            sql.append(" WHEN '").append(status.name()).append("' THEN ").append(status.rank());
        }
        return sql.append(" END").toString();
    }

    /** SQL for "{@code expression} is a status name": {@code IN ('Pending', ...)}. */
    static String isStatusSql(String expression) {
        return JobStatus.anySql(expression);
    }

    @Override
    public LoadCounts write(Connection connection, StoredObject object, List<ArchiveLine> lines) throws SQLException {
        ParsedLines<JobResult> events = ParsedLines.read(connection, object, lines, JobResult.class, JobResultRows::key,
                "a job result");
        List<String> orderIds = events.unique.values().stream().map(p -> p.value().orderId()).distinct().toList();
        Set<String> present = Sql.existing(connection, "job_result_events", "order_id, status, event_at", orderIds);
        Map<String, JobStatus> finals = finalStatuses(connection, orderIds);
        int inserted = 0;
        int alreadyThere = 0;
        int contradicting = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT);
                PreparedStatement upsert = connection.prepareStatement(UPSERT_STATUS)) {
            for (Map.Entry<String, ParsedLines.Line<JobResult>> event : events.unique.entrySet()) {
                JobResult result = event.getValue().value();
                JobStatus standing = result.status().isFinal() ? finals.putIfAbsent(result.orderId(), result.status()) : null;
                if (standing != null && standing != result.status()) {
                    RejectedLines.write(connection, object, event.getValue().source(), "order " + result.orderId()
                            + ": final status " + result.status() + " contradicts " + standing + ", which stands");
                    contradicting++;
                    continue;
                }
                if (present.contains(event.getKey())) {
                    alreadyThere++;
                } else {
                    insert.setString(1, result.orderId());
                    insert.setString(2, result.status().name());
                    insert.setObject(3, Sql.utc(result.timestamp().truncatedTo(ChronoUnit.MILLIS)));
                    insert.setString(4, result.customer());
                    insert.setString(5, result.factoryId());
                    insert.setString(6, result.robotId());
                    insert.setString(7, result.reason());
                    insert.setString(8, event.getValue().json());
                    insert.addBatch();
                    inserted++;
                }
                upsert.setString(1, result.orderId());
                upsert.setString(2, result.status().name());
                upsert.setString(3, result.factoryId());
                upsert.setString(4, result.robotId());
                upsert.setObject(5, Sql.utc(result.timestamp()));
                upsert.setInt(6, result.status().rank());
                upsert.addBatch();
            }
            insert.executeBatch();
            upsert.executeBatch();
        }
        return new LoadCounts(lines.size(), inserted, alreadyThere + events.repeats, events.rejected + contradicting);
    }

    /** The final status each of these orders already has in order_status (status first: it has no spaces). */
    private static Map<String, JobStatus> finalStatuses(Connection connection, List<String> orderIds) throws SQLException {
        Map<String, JobStatus> finals = new HashMap<>();
        for (String row : Sql.existing(connection, "order_status", "status, order_id", orderIds)) {
            String[] statusAndOrder = row.split(" ", 2);
            JobStatus status = JobStatus.valueOf(statusAndOrder[0]);
            if (status.isFinal()) {
                finals.put(statusAndOrder[1], status);
            }
        }
        return finals;
    }

    /** order, status and time to the millisecond (DATETIME(3) keeps milliseconds): an event's identity. */
    private static String key(JobResult result) {
        if (result.orderId() == null || result.status() == null || result.timestamp() == null) {
            throw new IllegalArgumentException("orderId, status and timestamp are required");
        }
        return result.orderId() + " " + result.status() + " " + result.timestamp().truncatedTo(ChronoUnit.MILLIS);
    }
}
