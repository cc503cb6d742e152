package com.chief.sink.aurora;

import com.chief.health.Reasons;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads what is new in the S3 archive into the relational store, on the Quartz schedule of the
 * {@code aurora-load} route. Only the instance holding the database lease runs; it lists the
 * recent day prefixes, skips objects whose key and ETag are in the manifest, loads the rest oldest
 * first and records each in the manifest. An object that fails is left for the next run (and
 * stops this one, so objects are never loaded out of order around a failure).
 */
public final class AuroraLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AuroraLoader.class);

    private final ArchiveListing listing;
    private final LoadManifest manifest;
    private final LoadLease lease;
    private final ObjectLoader loader;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong lagSeconds = new AtomicLong();

    public AuroraLoader(ArchiveListing listing, LoadManifest manifest, LoadLease lease, ObjectLoader loader,
            MeterRegistry meters, Clock clock) {
        this.listing = listing;
        this.manifest = manifest;
        this.lease = lease;
        this.loader = loader;
        this.meters = meters;
        this.clock = clock;
        meters.gauge("chief.aurora.lag.seconds", lagSeconds);
    }

    public LoadRun run() throws Exception {
        if (!lease.acquire()) {
            LOG.debug("Aurora load: another instance holds the lease");
            return LoadRun.skipped();
        }
        Instant start = clock.instant();
        int loaded = 0;
        LoadCounts total = LoadCounts.NONE;
        List<StoredObject> pending = new ArrayList<>();
        try {
            for (String prefix : listing.dayPrefixes()) {
                Set<String> done = manifest.loaded(prefix);
                listing.list(prefix).stream().filter(o -> !LoadManifest.contains(done, o)).forEach(pending::add);
            }
            pending.sort(Comparator.comparing(StoredObject::lastModified).thenComparing(StoredObject::key));
            for (StoredObject object : new ArrayList<>(pending)) {
                if (!lease.acquire()) { // renew; lost only if this run outlived it
                    throw new IllegalStateException("the load lease expired during the run");
                }
                LoadCounts counts = loader.load(object);
                manifest.record(object, counts);
                pending.remove(object);
                loaded++;
                total = total.plus(counts);
                count(counts);
                LOG.debug("Aurora load: {} read {}, inserted {}, present {}, rejected {}", object.key(), counts.read(),
                        counts.inserted(), counts.present(), counts.rejected());
            }
        } catch (Exception e) {
            LOG.warn("Aurora load stopped after {} objects; the rest waits for the next run: {}", loaded, Reasons.of(e));
            finish(start, loaded, total, pending);
            throw e;
        } finally {
            lease.release();
        }
        return finish(start, loaded, total, pending);
    }

    /** Records and logs the run: duration, and the lag (age of the oldest object still pending). */
    private LoadRun finish(Instant start, int loaded, LoadCounts total, List<StoredObject> pending) {
        Instant now = clock.instant();
        Duration lag = pending.isEmpty() ? Duration.ZERO : Duration.between(pending.get(0).lastModified(), now);
        Duration took = Duration.between(start, now);
        lagSeconds.set(lag.toSeconds());
        Timer.builder("chief.aurora.load.duration").register(meters).record(took);
        if (loaded > 0 || !pending.isEmpty()) {
            LOG.info("Aurora load: {} objects, {} rows inserted, {} already present, {} lines rejected in {} ms; lag {} s",
                    loaded, total.inserted(), total.present(), total.rejected(), took.toMillis(), lag.toSeconds());
        }
        return new LoadRun(true, loaded, total, took, lag);
    }

    private void count(LoadCounts counts) {
        Counter.builder("chief.aurora.objects.loaded").register(meters).increment();
        Counter.builder("chief.aurora.rows").tag("result", "inserted").register(meters).increment(counts.inserted());
        Counter.builder("chief.aurora.rows").tag("result", "present").register(meters).increment(counts.present());
        Counter.builder("chief.aurora.rows").tag("result", "rejected").register(meters).increment(counts.rejected());
    }
}
