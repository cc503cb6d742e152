package com.chief.sink.notify;

import com.chief.model.JobResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code notification_sent} table: each message a channel has accepted, one row per order and
 * final status, remembered as soon as the channel took it (not at the end of the batch), so a
 * replay after a crash mid-batch sends only what had not gone out.
 */
public final class SentNotifications {

    private static final int IN_LIST = 500;

    private final DataSource dataSource;

    public SentNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The results whose notification has not been sent yet, in their order. */
    public List<JobResult> unsent(List<JobResult> results) throws SQLException {
        Set<String> sent = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < results.size(); from += IN_LIST) {
                List<JobResult> chunk = results.subList(from, Math.min(results.size(), from + IN_LIST));
                try (PreparedStatement select = connection.prepareStatement("SELECT order_id, status FROM notification_sent"
                        + " WHERE order_id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i).orderId());
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            sent.add(JobResult.key(rows.getString(1), rows.getString(2)));
                        }
                    }
                }
            }
        }
        List<JobResult> unsent = new ArrayList<>();
        for (JobResult result : results) {
            if (!sent.contains(result.key())) {
                unsent.add(result);
            }
        }
        return unsent;
    }

    /**
     * Remembers that the channel accepted the result's notification. Not {@code INSERT IGNORE}: MySQL and
     * MariaDB would store an id longer than the column cut short, under which the next lookup finds nothing
     * (and a replay sends again); a duplicate key is still no error.
     */
    public void remember(JobResult result) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_sent (order_id, status, sent_at)"
                        + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE order_id = order_id")) {
            insert.setString(1, result.orderId());
            insert.setString(2, result.status().name());
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }
}
