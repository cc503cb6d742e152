package com.chief.sink.s3;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Archive hours that received an object late (see {@link ArchiveLayout#LATE}), for the loader to
 * list once more. The writer registers an hour after the object is stored and before its
 * checkpoint moves, so a crash in between replays both. Each registration counts up, and the loader
 * clears an hour only at the count it listed: a registration that comes during its listing stays.
 */
public final class LateArchiveHours {

    private final DataSource dataSource;

    public LateArchiveHours(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void register(String hourPrefix) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO archive_late_hour (hour_prefix, registrations)"
                        + " VALUES (?, 1) ON DUPLICATE KEY UPDATE registrations = registrations + 1")) {
            upsert.setString(1, hourPrefix);
            upsert.executeUpdate();
        }
    }

    /** Each registered hour prefix and its registration count. */
    public Map<String, Long> registered() throws SQLException {
        Map<String, Long> hours = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT hour_prefix, registrations FROM archive_late_hour ORDER BY hour_prefix");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                hours.put(rows.getString(1), rows.getLong(2));
            }
        }
        return hours;
    }

    /** The loader has listed (and loaded) the hour as it was at {@code registrations}. */
    public void listed(String hourPrefix, long registrations) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM archive_late_hour WHERE hour_prefix = ? AND registrations = ?")) {
            delete.setString(1, hourPrefix);
            delete.setLong(2, registrations);
            delete.executeUpdate();
        }
    }
}
