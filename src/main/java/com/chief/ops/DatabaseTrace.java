package com.chief.ops;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * An order in the database, by primary key only (parameterised): its {@code orders} row and
 * {@code job_result_events} (loaded from the archive), its robo-tailor job ({@code tailor_job}:
 * status, times, factory, robot) and the notifications sent ({@code notification_sent}).
 */
final class DatabaseTrace {

    private final DataSource dataSource;

    DatabaseTrace(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The four stages, each {@code {"found":..}}; with the times they hold, for the archive's search. */
    void trace(String orderId, ObjectNode document, List<Instant> times) {
        try (Connection connection = dataSource.getConnection()) {
            ArrayNode order = rows(connection, "SELECT order_id, channel, customer, store_id, zone, material, design, ordered_at,"
                    + " loaded_at FROM orders WHERE order_id = ?", orderId, times, "loaded_at");
            document.set("ordersRow", order.isEmpty() ? missing("no orders row (not loaded from the archive yet?)")
                    : found(order.get(0)));
            document.set("jobResultEvents", stage(rows(connection, "SELECT status, event_at, factory_id, robot_id, reason"
                    + " FROM job_result_events WHERE order_id = ? ORDER BY event_at", orderId, times, "event_at"),
                    "events", "no job_result_events rows"));
            ArrayNode job = rows(connection, "SELECT status, factory_id, robot_id, reason, shard_id, received_at, due_at, updated_at"
                    + " FROM tailor_job WHERE order_id = ?", orderId, times, "received_at");
            document.set("job", job.isEmpty() ? missing("no robo-tailor job (tailor_job)") : found(job.get(0)));
            document.set("notifications", stage(rows(connection, "SELECT status, sent_at FROM notification_sent WHERE order_id = ?"
                    + " ORDER BY sent_at", orderId, times, null), "sent", "no notification sent (notification_sent)"));
        } catch (SQLException e) {
            String reason = "database unavailable: " + e.getMessage();
            for (String stage : List.of("ordersRow", "jobResultEvents", "job", "notifications")) {
                document.set(stage, missing(reason).put("error", true));
            }
        }
    }

    private static ArrayNode rows(Connection connection, String sql, String orderId, List<Instant> times, String timeColumn)
            throws SQLException {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, orderId);
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    ObjectNode row = rows.addObject();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnLabel(i).toLowerCase();
                        Object value = result.getObject(i);
                        if (value instanceof java.time.LocalDateTime local) {
                            value = Timestamp.valueOf(local);
                        }
                        if (value instanceof Timestamp time) {
                            Instant instant = time.toInstant();
                            row.put(column, instant.toString());
                            if (column.equals(timeColumn)) {
                                times.add(instant);
                            }
                        } else {
                            row.put(column, value == null ? null : value.toString());
                        }
                    }
                }
            }
        }
        return rows;
    }

    static ObjectNode found(com.fasterxml.jackson.databind.JsonNode row) {
        ObjectNode stage = Json.MAPPER.createObjectNode().put("found", true);
        stage.setAll((ObjectNode) row);
        return stage;
    }

    private static ObjectNode stage(ArrayNode rows, String field, String whyMissing) {
        if (rows.isEmpty()) {
            return missing(whyMissing);
        }
        ObjectNode stage = Json.MAPPER.createObjectNode().put("found", true);
        stage.set(field, rows);
        return stage;
    }

    static ObjectNode missing(String why) {
        return Json.MAPPER.createObjectNode().put("found", false).put("reason", why);
    }
}
