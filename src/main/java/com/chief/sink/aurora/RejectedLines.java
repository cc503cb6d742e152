package com.chief.sink.aurora;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Archive lines that cannot be loaded, kept in {@code load_rejected_line} with the reason (once per object version and line). */
final class RejectedLines {

    private RejectedLines() {
    }

    static void write(Connection connection, StoredObject object, ArchiveLine line, String reason) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO load_rejected_line"
                + " (object_key, etag, line_number, reason, raw_line) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, object.key());
            insert.setString(2, object.etag());
            insert.setInt(3, line.number());
            insert.setString(4, reason.length() > 500 ? reason.substring(0, 500) : reason);
            insert.setString(5, line.text());
            insert.executeUpdate();
        }
    }
}
