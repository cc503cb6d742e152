package com.chief.sink;

import com.chief.db.Transactions;
import com.chief.model.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The final status that stands for each order ({@code order_final_status}): the first one claimed
 * wins. The job-result consumers read one stream in which all of an order's events share a shard,
 * so each meets them in the same order and claims the same first final status; the table makes
 * that decision durable across restarts and shared between applications and instances. A batch
 * claims with one batched {@code INSERT IGNORE} (racing claims never fail, the later is ignored),
 * then reads back what stands.
 */
public final class FinalStatuses {

    private static final int IN_LIST = 500;

    private final DataSource dataSource;

    public FinalStatuses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims {@code first} (an order's first final status in a batch) for orders that have none
     * yet, and returns the final status that stands for each of these orders.
     */
    public Map<String, JobStatus> claim(Map<String, JobStatus> first) throws SQLException {
        Map<String, JobStatus> standing = new HashMap<>();
        if (first.isEmpty()) {
            return standing;
        }
        Map<String, JobStatus> sorted = new TreeMap<>(first); // one lock order for concurrent claimers
        try (Connection connection = dataSource.getConnection()) {
            Transactions.run(connection, claiming -> {
                try (PreparedStatement insert = claiming.prepareStatement(
                        "INSERT IGNORE INTO order_final_status (order_id, status) VALUES (?, ?)")) {
                    for (Map.Entry<String, JobStatus> claim : sorted.entrySet()) {
                        insert.setString(1, claim.getKey());
                        insert.setString(2, claim.getValue().name());
                        insert.addBatch();
                    }
                    return insert.executeBatch();
                }
            });
            List<String> ids = new ArrayList<>(sorted.keySet());
            for (int from = 0; from < ids.size(); from += IN_LIST) {
                read(connection, ids.subList(from, Math.min(ids.size(), from + IN_LIST)), standing);
            }
        }
        return standing;
    }

    private static void read(Connection connection, List<String> ids, Map<String, JobStatus> standing) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT order_id, status FROM order_final_status"
                + " WHERE order_id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    standing.put(rows.getString(1), JobStatus.valueOf(rows.getString(2)));
                }
            }
        }
    }
}
