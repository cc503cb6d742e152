package com.chief.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The reconciliation's SQL: ids read back in chunks of an IN list, each row as its columns joined by ':'. */
final class SqlIds {

    private static final int IN_LIST = 500;

    private final DataSource dataSource;

    SqlIds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code select} ends with {@code order_id IN}; the list is appended per chunk of {@code orderIds}. */
    Set<String> byOrderIds(String select, Collection<String> orderIds) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> ids = new ArrayList<>(orderIds);
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_LIST) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
                try (PreparedStatement query = connection.prepareStatement(
                        select + " (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        query.setString(i + 1, chunk.get(i));
                    }
                    collect(query, found);
                }
            }
        }
        return found;
    }

    /** Ids by a query with two parameters, a time range given as {@code from} and {@code to} (JDBC objects). */
    Set<String> between(String select, Object from, Object to) throws SQLException {
        Set<String> found = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(select)) {
            query.setObject(1, from);
            query.setObject(2, to);
            collect(query, found);
        }
        return found;
    }

    private static void collect(PreparedStatement query, Set<String> found) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder id = new StringBuilder(rows.getString(1));
                for (int c = 2; c <= columns; c++) {
                    id.append(':').append(rows.getString(c));
                }
                found.add(id.toString());
            }
        }
    }
}
