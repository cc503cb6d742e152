package com.chief.ops;

import com.chief.sink.aurora.StoredObject;
import com.chief.sink.s3.ArchiveLayout;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts per arrival hour the orders and final statuses (Completed, Failed) in the archive against
 * every sink (search, database, notifications), and with repair re-drives exactly the missing ones
 * from the archive ({@link Redrive}).
 *
 * <p>Cost follows what is new: each hour costs one listing per archive prefix; an hour whose listing
 * (keys and ETags) has the digest it had when last found clean is skipped in a changed-only run —
 * no GET, no sink query. An hour read is read once (one GET per object), and each sink is asked
 * only for that hour's ids. A scheduled run is changed-only unless the last full run is older than
 * the recheck interval, so a loss behind Chief's back in an old hour is still found within it.
 *
 * <p>Sinks lag the archive (the load runs on a schedule, search refreshes): an hour whose newest
 * object is younger than the settle margin is reported pending, not read.
 */
public final class Reconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final ArchiveReader archive;
    private final List<ReconciledSink> sinks;
    private final Redrive redrive;
    private final ReconciledHours hours;
    private final ReconcileSettings settings;
    private final Clock clock;
    private final Runnable searchRefresh;
    private final AtomicReference<ReconcileReport> last = new AtomicReference<>();
    private final Map<String, AtomicLong> missingGauges = new HashMap<>();
    private final Map<String, AtomicLong> extraGauges = new HashMap<>();
    private volatile Instant lastFull = Instant.EPOCH;

    /** Against Chief's three sinks: search (through {@code search}), the database and the notifications (both in {@code dataSource}). */
    public static Reconciliation of(ArchiveReader archive, com.chief.sink.search.SearchLookup search, javax.sql.DataSource dataSource,
            Redrive redrive, ReconcileSettings settings, Clock clock, MeterRegistry meters) {
        return new Reconciliation(archive, List.of(new SearchSink(search), new DatabaseSink(dataSource),
                new NotificationSink(dataSource)), redrive, new ReconciledHours(dataSource), settings, clock, search::refresh, meters);
    }

    Reconciliation(ArchiveReader archive, List<ReconciledSink> sinks, Redrive redrive, ReconciledHours hours,
            ReconcileSettings settings, Clock clock, Runnable searchRefresh, MeterRegistry meters) {
        this.archive = archive;
        this.sinks = sinks;
        this.redrive = redrive;
        this.hours = hours;
        this.settings = settings;
        this.clock = clock;
        this.searchRefresh = searchRefresh;
        for (ReconciledSink sink : sinks) {
            missingGauges.put(sink.name(), gauge(meters, "chief.reconcile.missing", sink.name(),
                    "Archived orders and final statuses a sink lacks, at the last reconciliation"));
            extraGauges.put(sink.name(), gauge(meters, "chief.reconcile.extra", sink.name(),
                    "Orders and final statuses a sink holds that the archive has not, at the last reconciliation"));
        }
    }

    private static AtomicLong gauge(MeterRegistry meters, String name, String sink, String description) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).tag("sink", sink).description(description).register(meters);
        return value;
    }

    /** The scheduled run: the configured window, changed hours only unless a full run is due. */
    public ReconcileReport scheduled() throws Exception {
        boolean fullDue = lastFull.isBefore(clock.instant().minus(settings.recheck()));
        return run(HourRange.last(settings.windowHours(), clock), !fullDue, false);
    }

    /** One reconciliation of {@code range}; {@code changedOnly} skips unchanged clean hours; {@code repair} re-drives the missing. */
    public synchronized ReconcileReport run(HourRange range, boolean changedOnly, boolean repair) throws Exception {
        Instant now = clock.instant();
        long started = System.nanoTime();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        Map<String, Set<String>> stillMissing = new LinkedHashMap<>();
        sinks.forEach(sink -> {
            missing.put(sink.name(), new TreeSet<>());
            stillMissing.put(sink.name(), new TreeSet<>());
        });
        Set<String> archivedIds = new HashSet<>();
        List<ReconcileReport.HourResult> hourResults = new ArrayList<>();
        int read = 0;
        int unchanged = 0;
        int pending = 0;
        int objectsRead = 0;
        int orders = 0;
        int finals = 0;
        Instant firstPending = null;
        for (Instant hour : range.hours()) {
            if (!hour.isBefore(now)) {
                break;
            }
            List<StoredObject> objects = new ArrayList<>(archive.objects(ArchiveLayout.ORDERS, hour));
            objects.addAll(archive.objects(ArchiveLayout.JOB_RESULTS, hour));
            if (objects.isEmpty()) {
                hourResults.add(new ReconcileReport.HourResult(hour, "empty", 0, 0, 0, Map.of()));
                continue;
            }
            Instant newest = objects.stream().map(StoredObject::lastModified).max(Comparator.naturalOrder()).orElseThrow();
            if (newest.isAfter(now.minus(settings.settle()))) {
                pending++;
                firstPending = firstPending == null ? hour : firstPending;
                hourResults.add(new ReconcileReport.HourResult(hour, "pending", objects.size(), 0, 0, Map.of()));
                continue;
            }
            String digest = digest(objects);
            Optional<ReconciledHours.Checked> before = hours.get(hour);
            if (changedOnly && before.isPresent() && before.get().clean() && before.get().digest().equals(digest)) {
                unchanged++;
                orders += before.get().orders();
                finals += before.get().finalStatuses();
                hourResults.add(new ReconcileReport.HourResult(hour, "unchanged", objects.size(), before.get().orders(),
                        before.get().finalStatuses(), Map.of()));
                continue;
            }
            HourCheck check = check(objects, repair);
            read++;
            objectsRead += objects.size();
            orders += check.orders.size();
            finals += check.finals.size();
            archivedIds.addAll(check.orders.keySet());
            archivedIds.addAll(check.finals.keySet());
            Map<String, Integer> hourMissing = new LinkedHashMap<>();
            check.missing.forEach((sink, ids) -> {
                missing.get(sink).addAll(ids);
                hourMissing.put(sink, ids.size());
            });
            check.after.forEach((sink, ids) -> stillMissing.get(sink).addAll(ids));
            boolean clean = check.after.values().stream().allMatch(Set::isEmpty);
            hours.put(hour, new ReconciledHours.Checked(digest, objects.size(), check.orders.size(), check.finals.size(), clean));
            hourResults.add(new ReconcileReport.HourResult(hour, "checked", objects.size(), check.orders.size(),
                    check.finals.size(), hourMissing));
        }
        boolean extraChecked = unchanged == 0;
        Map<String, Set<String>> extra = extraChecked ? extras(range, now, firstPending, archivedIds) : Map.of();
        Map<String, ReconcileReport.SinkResult> results = new LinkedHashMap<>();
        for (ReconciledSink sink : sinks) {
            Set<String> lacking = missing.get(sink.name());
            Set<String> after = stillMissing.get(sink.name());
            Set<String> extras = extra.getOrDefault(sink.name(), Set.of());
            results.put(sink.name(), new ReconcileReport.SinkResult(lacking.size(), extras.size(), lacking.size() - after.size(),
                    after.size(), first(lacking), first(extras)));
            missingGauges.get(sink.name()).set(after.size());
            if (extraChecked) {
                extraGauges.get(sink.name()).set(extras.size());
            }
        }
        if (!changedOnly) {
            lastFull = now;
        }
        ReconcileReport report = new ReconcileReport(range.from(), range.to(), now, changedOnly ? "changed-only" : "full", repair,
                (System.nanoTime() - started) / 1_000_000, read, unchanged, pending, objectsRead, orders, finals, extraChecked,
                results, hourResults);
        last.set(report);
        LOG.info("Reconciliation {} to {} ({}): {} hours read, {} unchanged, {} pending; {}", range.from(), range.to(),
                report.mode(), read, unchanged, pending, results.entrySet().stream()
                        .map(e -> e.getKey() + " missing " + e.getValue().missing() + " extra " + e.getValue().extra())
                        .collect(Collectors.joining(", ")));
        return report;
    }

    public Optional<ReconcileReport> last() {
        return Optional.ofNullable(last.get());
    }

    /** An hour's archived ids, each sink's missing ones, and after a repair what is still missing. */
    private static final class HourCheck {
        final Map<String, ArchivedRecord> orders = new LinkedHashMap<>();
        final Map<String, ArchivedRecord> finals = new LinkedHashMap<>();
        final Map<String, Set<String>> missing = new LinkedHashMap<>();
        final Map<String, Set<String>> after = new LinkedHashMap<>();
    }

    private HourCheck check(List<StoredObject> objects, boolean repair) throws Exception {
        HourCheck check = new HourCheck();
        for (StoredObject object : objects) {
            for (ArchivedRecord record : archive.records(object)) {
                if (record.status() == null) {
                    check.orders.putIfAbsent(record.id(), record);
                } else if (record.isFinalStatus()) {
                    check.finals.putIfAbsent(record.id(), record);
                }
            }
        }
        for (ReconciledSink sink : sinks) {
            Set<String> missing = missing(sink, check);
            check.missing.put(sink.name(), missing);
            if (repair && !missing.isEmpty()) {
                repair(sink, missing, check);
                check.after.put(sink.name(), missing(sink, check));
            } else {
                check.after.put(sink.name(), missing);
            }
        }
        return check;
    }

    private static Set<String> missing(ReconciledSink sink, HourCheck check) throws Exception {
        Set<String> orderIds = sink.holdsOrders() ? check.orders.keySet() : Set.of();
        Set<String> expected = new TreeSet<>(orderIds);
        expected.addAll(check.finals.keySet());
        expected.removeAll(sink.present(orderIds, check.finals.keySet()));
        return expected;
    }

    /** Re-drives exactly the missing records through the sink's live writer. */
    private void repair(ReconciledSink sink, Set<String> missing, HourCheck check) throws Exception {
        List<ArchivedRecord> records = new ArrayList<>();
        for (String id : missing) {
            ArchivedRecord record = check.orders.containsKey(id) ? check.orders.get(id) : check.finals.get(id);
            records.add(record);
        }
        switch (sink.name()) {
            case "search" -> {
                redrive.search(records);
                searchRefresh.run(); // so that the check after the repair sees the documents
            }
            // the loader writes whole objects with INSERT IGNORE: only the missing rows are added
            case "database" -> redrive.database(records.stream().map(ArchivedRecord::object).distinct().toList());
            case "notifications" -> redrive.notifications(records);
            default -> throw new IllegalStateException("no repair for " + sink.name());
        }
        LOG.info("Reconciliation repaired {} records missing in {}", records.size(), sink.name());
    }

    /**
     * Extra ids: held by a sink, by its own time, inside the window shrunk by the settle margin at
     * both ends (a sink's time is near, not equal to, the arrival the archive keys by; and the
     * archive's newest hours are pending), yet not archived in any hour read.
     */
    private Map<String, Set<String>> extras(HourRange range, Instant now, Instant firstPending, Set<String> archivedIds)
            throws Exception {
        Instant end = firstPending != null ? firstPending : now.isBefore(range.to()) ? now : range.to();
        Instant from = range.from().plus(settings.settle());
        Instant to = end.minus(settings.settle());
        Map<String, Set<String>> extras = new HashMap<>();
        for (ReconciledSink sink : sinks) {
            Set<String> held = new TreeSet<>();
            if (from.isBefore(to)) {
                held.addAll(sink.heldBetween(from, to));
                held.removeAll(archivedIds);
            }
            extras.put(sink.name(), held);
        }
        return extras;
    }

    private static List<String> first(Set<String> ids) {
        return ids.stream().limit(ReconcileReport.LISTED).toList();
    }

    /** The order ids of {@code orderId:status} ids. */
    static Set<String> orderIdsOf(Set<String> finalIds) {
        return finalIds.stream().map(id -> id.substring(0, id.lastIndexOf(':'))).collect(Collectors.toSet());
    }

    private static String digest(List<StoredObject> objects) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        objects.stream().sorted(Comparator.comparing(StoredObject::key))
                .forEach(o -> sha.update((o.key() + " " + o.etag() + "\n").getBytes(StandardCharsets.UTF_8)));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
