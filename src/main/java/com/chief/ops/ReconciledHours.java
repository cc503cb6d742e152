package com.chief.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code reconcile_hour} table: per arrival hour, the digest of its archive listing when it was
 * last checked, what it held and whether every sink held all of it. Shared by the instances, as the
 * schedule runs on any of them.
 */
final class ReconciledHours {

    /** An hour as last checked. */
    record Checked(String digest, int objects, int orders, int finalStatuses, boolean clean) {
    }

    private final DataSource dataSource;

    ReconciledHours(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<Checked> get(Instant hour) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT listing_digest, objects, orders, final_statuses, clean FROM reconcile_hour WHERE hour_start = ?")) {
            select.setObject(1, utc(hour));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Checked(row.getString(1), row.getInt(2), row.getInt(3), row.getInt(4),
                        row.getBoolean(5))) : Optional.empty();
            }
        }
    }

    void put(Instant hour, Checked checked) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO reconcile_hour (hour_start, listing_digest, objects, orders, final_statuses, clean, checked_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON DUPLICATE KEY UPDATE listing_digest = VALUES(listing_digest),"
                        + " objects = VALUES(objects), orders = VALUES(orders), final_statuses = VALUES(final_statuses),"
                        + " clean = VALUES(clean), checked_at = CURRENT_TIMESTAMP")) {
            upsert.setObject(1, utc(hour));
            upsert.setString(2, checked.digest());
            upsert.setInt(3, checked.objects());
            upsert.setInt(4, checked.orders());
            upsert.setInt(5, checked.finalStatuses());
            upsert.setBoolean(6, checked.clean());
            upsert.executeUpdate();
        }
    }

    private static LocalDateTime utc(Instant hour) {
        return LocalDateTime.ofInstant(hour, ZoneOffset.UTC);
    }
}
