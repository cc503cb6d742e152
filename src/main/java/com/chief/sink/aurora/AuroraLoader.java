package com.chief.sink.aurora;

import com.chief.health.Reasons;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads what is new in the S3 archive into the relational store, on the Quartz schedule of the
 * {@code aurora-load} route. Only the instance holding the database lease runs, keeping it with a
 * {@link LeaseHeartbeat} and stopping before the next object if it was taken; it finds the
 * objects whose key and ETag are not in the manifest ({@link NewArchiveObjects}), loads them oldest
 * first and records each in the manifest. An object that cannot be loaded is set aside (manifest
 * row with the reason, a metric, a warning) so that it never holds up the others; when a system is
 * down instead ({@link LoadFailures}) the run stops and the next one carries on from the manifest.
 */
public final class AuroraLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AuroraLoader.class);

    private final NewArchiveObjects newObjects;
    private final LoadManifest manifest;
    private final LoadLease lease;
    private final ObjectLoader loader;
    private final LoadFailures failures;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong lagSeconds = new AtomicLong();
    // what the last run did and left, for the status page's "loaded per run"
    private final AtomicLong lastRunObjects = new AtomicLong();
    private final AtomicLong lastRunRows = new AtomicLong();
    private final AtomicLong pendingObjects = new AtomicLong();
    private final Counter setAsideCount;
    private BooleanSupplier stopping = () -> false;

    public AuroraLoader(NewArchiveObjects newObjects, LoadManifest manifest, LoadLease lease, ObjectLoader loader,
            LoadFailures failures, MeterRegistry meters, Clock clock) {
        this.newObjects = newObjects;
        this.manifest = manifest;
        this.lease = lease;
        this.loader = loader;
        this.failures = failures;
        this.meters = meters;
        this.clock = clock;
        meters.gauge("chief.aurora.lag.seconds", lagSeconds);
        meters.gauge("chief.aurora.last.run.objects", lastRunObjects);
        meters.gauge("chief.aurora.last.run.rows", lastRunRows);
        meters.gauge("chief.aurora.pending.objects", pendingObjects);
        setAsideCount = Counter.builder("chief.aurora.objects.set.aside").description("Archive objects that could not be loaded")
                .register(meters);
    }

    /**
     * A run ends after the object it is loading once {@code stopping} says so (Chief is stopping): what is
     * left waits in the manifest for the next run, instead of holding the stop for the whole backlog.
     */
    public AuroraLoader stopWhen(BooleanSupplier stopping) {
        this.stopping = stopping;
        return this;
    }

    public LoadRun run() throws Exception {
        if (!lease.acquire()) {
            LOG.debug("Aurora load: another instance holds the lease");
            return LoadRun.skipped();
        }
        Instant start = clock.instant();
        int loaded = 0;
        int setAside = 0;
        LoadCounts total = LoadCounts.NONE;
        Deque<StoredObject> pending = new ArrayDeque<>();
        try (LeaseHeartbeat heartbeat = LeaseHeartbeat.start(lease)) {
            NewArchiveObjects.Found found = newObjects.find(start);
            pending.addAll(found.objects());
            while (!pending.isEmpty()) {
                if (stopping.getAsBoolean()) {
                    LOG.info("Aurora load: Chief is stopping; {} objects wait for the next run", pending.size());
                    return finish(start, loaded, setAside, total, pending);
                }
                StoredObject object = pending.peekFirst();
                if (!heartbeat.stillHeld()) { // taken by another instance: it loads from here on
                    throw new IllegalStateException("another instance took the load lease during the run");
                }
                LoadCounts counts;
                try {
                    counts = loader.load(object);
                } catch (Exception e) {
                    String fault = failures.objectFault(object, e).orElseThrow(() -> e);
                    manifest.setAside(object, fault);
                    pending.removeFirst();
                    setAside++;
                    setAsideCount.increment();
                    LOG.warn("Aurora load: set aside {} (ETag {}): {}; it is tried again once its content changes",
                            object.key(), object.etag(), fault);
                    continue;
                }
                manifest.record(object, counts);
                pending.removeFirst();
                loaded++;
                total = total.plus(counts);
                count(counts);
                LOG.debug("Aurora load: {} read {}, inserted {}, present {}, rejected {}", object.key(), counts.read(),
                        counts.inserted(), counts.present(), counts.rejected());
            }
            newObjects.done(found);
        } catch (Exception e) {
            LOG.warn("Aurora load stopped after {} objects; the rest waits for the next run: {}", loaded, Reasons.of(e));
            finish(start, loaded, setAside, total, pending);
            throw e;
        } finally {
            lease.release();
        }
        return finish(start, loaded, setAside, total, pending);
    }

    /** Records and logs the run: duration, and the lag (age of the oldest object still pending). */
    private LoadRun finish(Instant start, int loaded, int setAside, LoadCounts total, Deque<StoredObject> pending) {
        Instant now = clock.instant();
        Duration lag = pending.isEmpty() ? Duration.ZERO : Duration.between(pending.peekFirst().lastModified(), now);
        Duration took = Duration.between(start, now);
        lagSeconds.set(lag.toSeconds());
        lastRunObjects.set(loaded);
        lastRunRows.set(total.inserted());
        pendingObjects.set(pending.size());
        Timer.builder("chief.aurora.load.duration").register(meters).record(took);
        if (loaded > 0 || setAside > 0 || !pending.isEmpty()) {
            LOG.info("Aurora load: {} objects, {} rows inserted, {} already present, {} lines rejected, {} objects set aside"
                    + " in {} ms; lag {} s", loaded, total.inserted(), total.present(), total.rejected(), setAside,
                    took.toMillis(), lag.toSeconds());
        }
        return new LoadRun(true, loaded, setAside, total, took, lag);
    }

    private void count(LoadCounts counts) {
        Counter.builder("chief.aurora.objects.loaded").register(meters).increment();
        Counter.builder("chief.aurora.rows").tag("result", "inserted").register(meters).increment(counts.inserted());
        Counter.builder("chief.aurora.rows").tag("result", "present").register(meters).increment(counts.present());
        Counter.builder("chief.aurora.rows").tag("result", "rejected").register(meters).increment(counts.rejected());
    }
}
