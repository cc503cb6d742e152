package com.chief.sink.aurora;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A lease in the database so that one Chief instance loads at a time: taken when it is free or
 * expired, renewed while the run goes on, given back at the end. A run that dies leaves a lease
 * that simply expires ({@code seconds} after its last renewal), and the next run redoes its work.
 * Times are the database's own, so instances' clocks do not matter.
 *
 * <p>Kept although Quartz now runs clustered and fires each schedule once: Quartz takes an instance
 * that misses its check-ins (a long GC pause, a network partition) for dead and fires the job
 * elsewhere while the paused run may still resume, and it knows nothing of loads started outside
 * its schedule (the {@code bench-sinks} command, an instance of an older Chief during a rolling
 * upgrade). The lease, renewed per object with the database's clock, keeps those runs apart. Its
 * cost: a run killed mid-way holds the load back until the lease expires.
 */
public final class LoadLease {

    static final String NAME = "aurora-load";

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
        return update("UPDATE load_lease SET owner = ?, leased_until = TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP)"
                + " WHERE name = ? AND (owner = ? OR leased_until <= CURRENT_TIMESTAMP)", true) == 1;
    }

    public void release() throws SQLException {
        update("UPDATE load_lease SET leased_until = CURRENT_TIMESTAMP WHERE name = ? AND owner = ?", false);
    }

    public String owner() {
        return owner;
    }

    private int update(String sql, boolean take) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            if (take) {
                update.setString(1, owner);
                update.setInt(2, seconds);
                update.setString(3, NAME);
                update.setString(4, owner);
            } else {
                update.setString(1, NAME);
                update.setString(2, owner);
            }
            return update.executeUpdate();
        }
    }
}
