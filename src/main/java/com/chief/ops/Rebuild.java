package com.chief.ops;

import com.chief.model.Json;
import com.chief.sink.aurora.LoadCounts;
import com.chief.sink.aurora.StoredObject;
import com.chief.sink.s3.ArchiveLayout;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-drives every archived order and job result of an arrival-hour range into one sink (search or
 * database) through {@link Redrive}, in the background, one run at a time per sink, with progress.
 * Idempotent like the live writers: documents by the same ids, rows by INSERT IGNORE, so running
 * it twice changes nothing the second time.
 */
public final class Rebuild {

    private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
    public static final List<String> SINKS = List.of("search", "database");

    /** A run's progress, as {@code GET /ops/rebuild/{sink}} shows it. */
    public static final class Progress {
        final String sink;
        final HourRange range;
        final Instant started;
        volatile String state = "running";
        volatile Instant finished;
        volatile String error;
        volatile int objectsTotal;
        final AtomicLong objectsDone = new AtomicLong();
        final AtomicLong recordsDone = new AtomicLong();
        /** database: rows inserted, present (already there), rejected. */
        volatile LoadCounts rows = LoadCounts.NONE;

        Progress(String sink, HourRange range, Instant started) {
            this.sink = sink;
            this.range = range;
            this.started = started;
        }

        public boolean running() {
            return state.equals("running");
        }

        public String toJson() {
            var node = Json.MAPPER.createObjectNode();
            node.put("sink", sink).put("from", range.from().toString()).put("to", range.to().toString())
                    .put("state", state).put("started", started.toString())
                    .put("objectsDone", objectsDone.get()).put("objectsTotal", objectsTotal)
                    .put("recordsDone", recordsDone.get());
            if (sink.equals("database")) {
                node.putObject("rows").put("inserted", rows.inserted()).put("present", rows.present())
                        .put("rejected", rows.rejected());
            }
            if (finished != null) {
                node.put("finished", finished.toString())
                        .put("seconds", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
            }
            if (error != null) {
                node.put("error", error);
            }
            return node.toString();
        }
    }

    private final ArchiveReader archive;
    private final Redrive redrive;
    private final Clock clock;
    private final Map<String, Progress> runs = new ConcurrentHashMap<>();

    public Rebuild(ArchiveReader archive, Redrive redrive, Clock clock) {
        this.archive = archive;
        this.redrive = redrive;
        this.clock = clock;
    }

    /** Starts a run in the background; empty when one runs for the sink already. */
    public synchronized java.util.Optional<Progress> start(String sink, HourRange range) {
        requireSink(sink);
        Progress current = runs.get(sink);
        if (current != null && current.running()) {
            return java.util.Optional.empty();
        }
        Progress progress = new Progress(sink, range, clock.instant());
        runs.put(sink, progress);
        Thread thread = new Thread(() -> run(progress), "chief-rebuild-" + sink);
        thread.setDaemon(true);
        thread.start();
        return java.util.Optional.of(progress);
    }

    /** The sink's current or last run, if any since this instance started. */
    public java.util.Optional<Progress> progress(String sink) {
        requireSink(sink);
        return java.util.Optional.ofNullable(runs.get(sink));
    }

    /** The whole run in the caller's thread (tests, and the background thread). */
    void run(Progress progress) {
        try {
            List<StoredObject> objects = new ArrayList<>();
            for (Instant hour : progress.range.hours()) {
                for (String prefix : ArchiveLayout.PREFIXES) {
                    objects.addAll(archive.objects(prefix, hour));
                }
            }
            progress.objectsTotal = objects.size();
            for (StoredObject object : objects) {
                if (progress.sink.equals("search")) {
                    progress.recordsDone.addAndGet(redrive.search(archive.records(object)));
                } else {
                    LoadCounts counts = redrive.database(List.of(object));
                    progress.rows = progress.rows.plus(counts);
                    progress.recordsDone.addAndGet(counts.read());
                }
                progress.objectsDone.incrementAndGet();
            }
            progress.state = "done";
        } catch (Exception | Error e) {
            progress.error = e.toString();
            progress.state = "failed";
            LOG.warn("Rebuild of {} failed: {}", progress.sink, e.toString());
        } finally {
            progress.finished = clock.instant();
            LOG.info("Rebuild of {}: {}", progress.sink, progress.toJson());
        }
    }

    private static void requireSink(String sink) {
        if (!SINKS.contains(sink)) {
            throw new IllegalArgumentException("no rebuild for '" + sink + "': search or database");
        }
    }
}
