package com.chief.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Deletes a table's finished, old rows in batches. Each batch is chosen by a plain SELECT (a consistent
 * read that locks nothing, along the age index) and deleted by primary key in its own auto-committed
 * statement, the condition checked again, so a batch locks only the rows it deletes and only while it
 * deletes them; writers of the table wait at most one batch.
 */
public final class TablePurge {

    /** Rows deleted, and in how many batches. */
    public record Result(long deleted, int batches) {
    }

    private final DataSource dataSource;
    private final int batchSize;

    public TablePurge(DataSource dataSource, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.dataSource = dataSource;
        this.batchSize = batchSize;
    }

    /** Purges until no row is left to go, {@code stop} says so, or a batch deletes nothing (someone else got there). */
    public Result purge(TableRetention rows, Instant now, BooleanSupplier stop) throws SQLException {
        Timestamp cutoff = Timestamp.from(now.minus(rows.retention()));
        long deleted = 0;
        int batches = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true); // one transaction per batch
            while (!stop.getAsBoolean()) {
                List<Object[]> keys = choose(connection, rows, cutoff);
                if (keys.isEmpty()) {
                    break;
                }
                int gone = delete(connection, rows, keys, cutoff);
                deleted += gone;
                batches++;
                if (gone == 0 || keys.size() < batchSize) {
                    break;
                }
            }
        }
        return new Result(deleted, batches);
    }

    private List<Object[]> choose(Connection connection, TableRetention rows, Timestamp cutoff) throws SQLException {
        List<Object[]> keys = new ArrayList<>();
        String columns = String.join(", ", rows.keyColumns());
        try (PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM " + rows.table()
                + " WHERE " + rows.chosen() + " LIMIT ?")) {
            select.setTimestamp(1, cutoff);
            select.setInt(2, batchSize);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Object[] key = new Object[rows.keyColumns().size()];
                    for (int c = 0; c < key.length; c++) {
                        key[c] = result.getObject(c + 1);
                    }
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static int delete(Connection connection, TableRetention rows, List<Object[]> keys, Timestamp cutoff)
            throws SQLException {
        int width = rows.keyColumns().size();
        String tuple = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        String sql = "DELETE FROM " + rows.table() + " WHERE " + rows.done() // checked again: a row may have moved on
                + " AND (" + String.join(", ", rows.keyColumns()) + ") IN (" + String.join(", ", Collections.nCopies(keys.size(), tuple)) + ")";
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setTimestamp(1, cutoff);
            int p = 2;
            for (Object[] key : keys) {
                for (Object column : key) {
                    delete.setObject(p++, column);
                }
            }
            return delete.executeUpdate();
        }
    }
}
