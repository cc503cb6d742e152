package com.chief.sink.aurora;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Small JDBC helpers shared by the row writers. */
final class Sql {

    private Sql() {
    }

    /** A UTC instant for a DATETIME column (no session time zone involved). */
    static Object utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant utc(Timestamp value) {
        return value.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    /** The rows (as {@code columns} joined by a space) of {@code table} whose order_id is among {@code orderIds}. */
    static Set<String> existing(Connection connection, String table, String columns, Collection<String> orderIds)
            throws SQLException {
        Set<String> found = new HashSet<>();
        if (orderIds.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + columns + " FROM " + table + " WHERE order_id IN ("
                + String.join(", ", java.util.Collections.nCopies(orderIds.size(), "?")) + ")";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            for (String id : orderIds) {
                select.setString(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                int count = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    StringBuilder key = new StringBuilder();
                    for (int c = 1; c <= count; c++) {
                        Object value = rows.getObject(c);
                        key.append(c > 1 ? " " : "").append(value instanceof Timestamp t ? utc(t)
                                : value instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC) : value);
                    }
                    found.add(key.toString());
                }
            }
        }
        return found;
    }
}
