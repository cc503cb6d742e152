package com.chief.sink.aurora;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Per archive prefix, the arrival hour the next load run lists from: everything before it has been
 * listed and loaded (or set aside). Kept in the database beside the manifest; none yet means the
 * whole prefix is listed once (which also takes in objects written before keys carried arrival hours).
 */
public final class ListingWatermark {

    private final DataSource dataSource;

    public ListingWatermark(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Instant> next(String prefix) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT next_hour FROM load_watermark WHERE archive_prefix = ?")) {
            select.setString(1, prefix);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Sql.utc(row.getTimestamp(1))) : Optional.empty();
            }
        }
    }

    public void advance(String prefix, Instant hour) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO load_watermark (archive_prefix, next_hour)"
                        + " VALUES (?, ?) ON DUPLICATE KEY UPDATE next_hour = VALUES(next_hour), updated_at = CURRENT_TIMESTAMP")) {
            upsert.setString(1, prefix);
            upsert.setObject(2, Sql.utc(hour));
            upsert.executeUpdate();
        }
    }
}
