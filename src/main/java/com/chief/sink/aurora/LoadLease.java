package com.chief.sink.aurora;

import com.chief.instance.InstanceIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A lease in the database so that one Chief instance loads at a time: taken when it is free, expired,
 * or held by a process on this host that has ended ({@link InstanceIds}: a restart after a kill need
 * not wait), kept alive by a {@link LeaseHeartbeat} while a run holds it, given back at the end. The
 * heartbeat lets the expiry be short ({@code chief.aurora.lease-seconds}, tens of seconds) although
 * one object may take longer than that to load: a holder that dies elsewhere (another host, a hung
 * process) blocks loading only until the expiry. Times are the database's own, so instances' clocks
 * do not matter.
 *
 * <p>Kept although Quartz now runs clustered and fires each schedule once: Quartz takes an instance
 * that misses its check-ins (a long GC pause, a network partition) for dead and fires the job
 * elsewhere while the paused run may still resume, and it knows nothing of loads started outside
 * its schedule (the {@code bench-sinks} command, an instance of an older Chief during a rolling
 * upgrade). The lease keeps those runs apart: a run checks it still holds it before each object and
 * stops once another instance has taken it.
 */
public final class LoadLease {

    static final String NAME = "aurora-load";

    private static final String EXPIRY = "leased_until = TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP)";

    private final DataSource dataSource;
    private final String owner;
    private final int seconds;

    public LoadLease(DataSource dataSource, String owner, int seconds) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.seconds = seconds;
    }

    /** Takes (or renews) the lease; false if another instance holds it. */
    public boolean acquire() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (take(connection, "(owner = ? OR leased_until <= CURRENT_TIMESTAMP)", owner)) {
                return true;
            }
            String holder = holder(connection);
            // one UPDATE naming the ended holder, so two instances taking over cannot both win
            return InstanceIds.endedOnThisHost(holder) && take(connection, "owner = ?", holder);
        }
    }

    /** Extends the lease while this instance holds it; false once another instance has taken it. */
    boolean renew() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement renew = connection.prepareStatement("UPDATE load_lease SET " + EXPIRY
                        + " WHERE name = ? AND owner = ?")) {
            renew.setInt(1, seconds);
            renew.setString(2, NAME);
            renew.setString(3, owner);
            return renew.executeUpdate() == 1;
        }
    }

    public void release() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "UPDATE load_lease SET leased_until = CURRENT_TIMESTAMP WHERE name = ? AND owner = ?")) {
            release.setString(1, NAME);
            release.setString(2, owner);
            release.executeUpdate();
        }
    }

    /** The instance named in the lease now (this one, another, or the last one that held it). */
    String holder() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return holder(connection);
        }
    }

    public String owner() {
        return owner;
    }

    Duration expiry() {
        return Duration.ofSeconds(seconds);
    }

    private boolean take(Connection connection, String condition, String holder) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement("UPDATE load_lease SET owner = ?, " + EXPIRY
                + " WHERE name = ? AND " + condition)) {
            take.setString(1, owner);
            take.setInt(2, seconds);
            take.setString(3, NAME);
            take.setString(4, holder);
            return take.executeUpdate() == 1;
        }
    }

    private static String holder(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT owner FROM load_lease WHERE name = ?")) {
            select.setString(1, NAME);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : "";
            }
        }
    }
}
