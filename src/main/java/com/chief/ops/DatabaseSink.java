package com.chief.ops;

import com.chief.model.JobStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The database as the loader fills it: an order is its {@code orders} row, a final status its
 * {@code job_result_events} row of that status (the loader writes order_status from the same lines).
 * By own time: orders by {@code loaded_at}, final statuses by {@code event_at}.
 */
final class DatabaseSink implements ReconciledSink {

    private static final String FINAL = JobStatus.finalSql("status");

    private final SqlIds sql;

    DatabaseSink(DataSource dataSource) {
        this.sql = new SqlIds(dataSource);
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean holdsOrders() {
        return true;
    }

    @Override
    public Set<String> present(Set<String> orderIds, Set<String> finalIds) throws Exception {
        Set<String> present = new HashSet<>(sql.byOrderIds("SELECT order_id FROM orders WHERE order_id IN", orderIds));
        present.addAll(sql.byOrderIds("SELECT DISTINCT order_id, status FROM job_result_events WHERE " + FINAL
                + " AND order_id IN", Reconciliation.orderIdsOf(finalIds)));
        present.retainAll(union(orderIds, finalIds));
        return present;
    }

    @Override
    public Set<String> heldBetween(Instant from, Instant to) throws Exception {
        // loaded_at is a TIMESTAMP (the session's zone, as JDBC's Timestamp); event_at a UTC DATETIME
        Set<String> held = new HashSet<>(sql.between("SELECT order_id FROM orders WHERE loaded_at >= ? AND loaded_at < ?",
                Timestamp.from(from), Timestamp.from(to)));
        held.addAll(sql.between("SELECT DISTINCT order_id, status FROM job_result_events WHERE " + FINAL
                + " AND event_at >= ? AND event_at < ?", utc(from), utc(to)));
        return held;
    }

    static Object utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
