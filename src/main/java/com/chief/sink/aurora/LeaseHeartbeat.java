package com.chief.sink.aurora;

import com.chief.health.Reasons;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a held {@link LoadLease} on a thread of its own every third of its expiry, for as long as a
 * run holds it, so that the lease outlives an object that takes longer to load than the expiry; a
 * renewal that fails (the database briefly away) is tried again at the next beat, before the lease
 * lapses. Closing it stops the renewals and leaves the lease as it is: the run releases it, or a
 * crashed holder's lease expires.
 */
final class LeaseHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final LoadLease lease;
    private final ScheduledExecutorService timer;
    private volatile boolean taken;

    private LeaseHeartbeat(LoadLease lease) {
        this.lease = lease;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aurora-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts renewing a lease this instance has just acquired. */
    static LeaseHeartbeat start(LoadLease lease) {
        LeaseHeartbeat heartbeat = new LeaseHeartbeat(lease);
        long every = Math.max(100, lease.expiry().toMillis() / 3);
        heartbeat.timer.scheduleWithFixedDelay(heartbeat::beat, every, every, TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    /**
     * Renews now: false once another instance has taken the lease (found now or by a heartbeat), and
     * then the run must not load another object.
     */
    boolean stillHeld() throws SQLException {
        if (!taken && !lease.renew()) {
            taken = true;
        }
        return !taken;
    }

    private void beat() {
        if (taken) {
            return;
        }
        try {
            if (!lease.renew()) {
                taken = true;
                LOG.warn("Aurora load: the lease was taken by {}; this run stops after the object it is loading", holder());
            }
        } catch (Exception e) {
            LOG.warn("Aurora load: renewing the lease failed, trying again: {}", Reasons.of(e));
        }
    }

    private String holder() {
        try {
            return lease.holder();
        } catch (SQLException e) {
            return "another instance";
        }
    }

    /** Stops renewing, after a renewal under way, so that a release that follows is not undone by it. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(lease.expiry().toMillis(), TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
