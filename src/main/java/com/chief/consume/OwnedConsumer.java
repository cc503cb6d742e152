package com.chief.consume;

import com.chief.health.Reasons;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Service;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a polling application only while this instance owns it ({@link ConsumerOwnership}): the
 * polling engine has no shard leases, so a second instance on the same checkpoints would process
 * every record twice. Refused, it logs an error naming the instance that runs the application,
 * reports it DOWN ({@link #problem()}), and tries again every heartbeat: it takes over once the
 * other instance's heartbeat is stale. If its own row is taken (it stalled for longer than the
 * stale time), or it cannot renew the row for nearly the stale time (the database unreachable),
 * it stops reading, so that it never reads alongside an instance that took over.
 */
public final class OwnedConsumer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedConsumer.class);

    private final String application;
    private final Service consumer;
    private final ConsumerOwnership ownership;
    private final Duration heartbeat;
    private ScheduledExecutorService timer;
    private volatile boolean owned;
    private volatile String problem = "not started";
    private String refusedBy;
    private long renewedAt; // System.nanoTime() of the last successful renewal

    public OwnedConsumer(String application, Service consumer, ConsumerOwnership ownership, Duration heartbeat) {
        this.application = application;
        this.consumer = consumer;
        this.ownership = ownership;
        this.heartbeat = heartbeat;
    }

    public String application() {
        return application;
    }

    public boolean owned() {
        return owned;
    }

    /** Why the application is not running here, or null while it runs. */
    public String problem() {
        return problem;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ownership-" + application);
            thread.setDaemon(true);
            return thread;
        });
        tick(); // at once, so a refusal is in the log next to the start
        timer.scheduleWithFixedDelay(this::tick, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        try {
            if (owned) {
                if (ownership.heartbeat(application)) {
                    renewedAt = System.nanoTime();
                } else {
                    owned = false;
                    ServiceHelper.stopService(consumer);
                    problem = application + " was taken over by another instance (this one missed its heartbeats); stopped here";
                    LOG.error("{}", problem);
                }
                return;
            }
            var other = ownership.acquire(application);
            if (other.isEmpty()) {
                owned = true;
                renewedAt = System.nanoTime();
                problem = null;
                LOG.info("{}: owned by this instance ({}), reading", application, ownership.instanceId());
                ServiceHelper.startService(consumer);
                refusedBy = null;
            } else {
                problem = application + " is already run by instance " + other.get().instanceId() + " (heartbeat "
                        + other.get().heartbeatAge().toSeconds() + " s ago) on the same checkpoints; not run here. Use "
                        + "chief.consumer.engine=kcl to share the shards, or chief.consumer.applications to split them";
                if (!other.get().instanceId().equals(refusedBy)) {
                    LOG.error("{}", problem); // once per other instance, not every heartbeat
                    refusedBy = other.get().instanceId();
                }
            }
        } catch (Exception e) {
            LOG.warn("{}: cannot check its ownership row: {}", application, Reasons.of(e));
            if (owned && System.nanoTime() - renewedAt > fence().toNanos()) {
                // another instance may take the row now: stop first, so two never read at once
                owned = false;
                ServiceHelper.stopService(consumer);
                problem = application + " stopped: its ownership row could not be renewed for "
                        + fence().toSeconds() + " s (" + Reasons.of(e) + ")";
                LOG.error("{}", problem);
            }
        }
    }

    /** How long without a renewal this instance keeps reading: less than the stale time, by two heartbeats. */
    private Duration fence() {
        Duration fence = ownership.staleAfter().minus(heartbeat.multipliedBy(2));
        return fence.isNegative() || fence.isZero() ? ownership.staleAfter().dividedBy(2) : fence;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (owned) {
            ServiceHelper.stopService(consumer);
            owned = false;
            try {
                ownership.release(application);
            } catch (Exception e) {
                LOG.warn("{}: could not release its ownership row (it goes stale): {}", application, Reasons.of(e));
            }
        }
        problem = "stopped";
    }
}
