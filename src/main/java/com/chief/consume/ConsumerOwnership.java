package com.chief.consume;

import com.chief.instance.InstanceIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code consumer_ownership} rows: at most one live instance runs a polling application. A row
 * is live while its heartbeat is younger than {@code staleAfter} by the database's clock; an
 * instance may take a row that is its own, absent, or stale, or whose holder is a process on the
 * same host that has ended (a restart after a crash need not wait).
 */
public final class ConsumerOwnership {

    /** The instance holding an application, and how long ago it last renewed its row. */
    public record Owner(String instanceId, Duration heartbeatAge) {
    }

    private final DataSource dataSource;
    private final String instanceId;
    private final Duration staleAfter;

    public ConsumerOwnership(DataSource dataSource, String instanceId, Duration staleAfter) {
        this.dataSource = dataSource;
        this.instanceId = instanceId;
        this.staleAfter = staleAfter;
    }

    public String instanceId() {
        return instanceId;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** Takes the application if nobody live holds it; otherwise returns the live holder. */
    public Optional<Owner> acquire(String application) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO consumer_ownership"
                    + " (application, instance_id, acquired_at, heartbeat_at) VALUES (?, ?, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3))")) {
                insert.setString(1, application);
                insert.setString(2, instanceId);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            // the row exists: take it if it is ours or stale (one UPDATE, so two takers cannot both win)
            try (PreparedStatement take = connection.prepareStatement("UPDATE consumer_ownership SET instance_id = ?,"
                    + " acquired_at = CURRENT_TIMESTAMP(3), heartbeat_at = CURRENT_TIMESTAMP(3)"
                    + " WHERE application = ? AND (instance_id = ? OR heartbeat_at < ?)")) {
                take.setString(1, instanceId);
                take.setString(2, application);
                take.setString(3, instanceId);
                take.setTimestamp(4, staleBefore(connection));
                if (take.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            Optional<Owner> owner = owner(connection, application);
            if (owner.isPresent() && InstanceIds.endedOnThisHost(owner.get().instanceId())) {
                // an instance on this host that is gone (killed, then restarted): no need to wait for staleness
                try (PreparedStatement take = connection.prepareStatement("UPDATE consumer_ownership SET instance_id = ?,"
                        + " acquired_at = CURRENT_TIMESTAMP(3), heartbeat_at = CURRENT_TIMESTAMP(3)"
                        + " WHERE application = ? AND instance_id = ?")) {
                    take.setString(1, instanceId);
                    take.setString(2, application);
                    take.setString(3, owner.get().instanceId());
                    if (take.executeUpdate() == 1) {
                        return Optional.empty();
                    }
                }
                return owner(connection, application);
            }
            return owner;
        }
    }

    /** Renews this instance's row; false if another instance has taken it meanwhile. */
    public boolean heartbeat(String application) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement renew = connection.prepareStatement("UPDATE consumer_ownership"
                        + " SET heartbeat_at = CURRENT_TIMESTAMP(3) WHERE application = ? AND instance_id = ?")) {
            renew.setString(1, application);
            renew.setString(2, instanceId);
            return renew.executeUpdate() == 1;
        }
    }

    /** Gives the application up at a clean stop, so another instance may take it at once. */
    public void release(String application) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM consumer_ownership WHERE application = ? AND instance_id = ?")) {
            delete.setString(1, application);
            delete.setString(2, instanceId);
            delete.executeUpdate();
        }
    }

    private java.sql.Timestamp staleBefore(Connection connection) throws SQLException {
        java.sql.Timestamp now = databaseNow(connection);
        return new java.sql.Timestamp(now.getTime() - staleAfter.toMillis());
    }

    private static java.sql.Timestamp databaseNow(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT CURRENT_TIMESTAMP(3)");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getTimestamp(1);
        }
    }

    private Optional<Owner> owner(Connection connection, String application) throws SQLException {
        java.sql.Timestamp now = databaseNow(connection);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT instance_id, heartbeat_at FROM consumer_ownership WHERE application = ?")) {
            select.setString(1, application);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.of(new Owner("(released just now)", Duration.ZERO)); // try again next round
                }
                return Optional.of(new Owner(row.getString(1),
                        Duration.ofMillis(Math.max(0, now.getTime() - row.getTimestamp(2).getTime()))));
            }
        }
    }
}
