package com.chief.sink.s3;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one place that knows the form of archive keys (the extension is {@link ArchiveFormat}'s):
 * {@code <prefix>/<yyyy/MM/dd/HH>/<shardId>-<sequence>-<subSequence>.ndjson[.gz]}, where the hour is
 * the UTC <em>arrival</em> hour (Kinesis' approximate arrival time) of the object's first record.
 * Arrival, not event time: keys then sort by when data came in, so the loader finds new objects by
 * listing forward from where it stopped, whatever the orders' dates; and the first record's arrival
 * is fixed by Kinesis, so a batch replayed after a crash rewrites the same key.
 */
public final class ArchiveLayout {

    public static final String ORDERS = "orders";
    public static final String JOB_RESULTS = "job-results";
    /** The prefixes the archive applications write and the loader reads. */
    public static final List<String> PREFIXES = List.of(ORDERS, JOB_RESULTS);

    /**
     * An object is late when its hour began more than this before the hour it is written in (a
     * consumer catching up after an outage); the writer registers such hours (LateArchiveHours)
     * because the loader's forward listing has moved past them.
     */
    public static final Duration LATE = Duration.ofHours(1);

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private ArchiveLayout() {
    }

    public static String key(String prefix, Instant arrival, String shardId, String sequence, long subSequence, boolean gzip) {
        return hourPrefix(prefix, arrival) + shardId + "-" + sequence + "-" + subSequence + ArchiveFormat.extension(gzip);
    }

    /**
     * The key of an object a YAML route archives through the chief-s3-archive-sink Kamelet without a
     * key of its own: {@code <prefix>/<UTC hour now>/<name>.json}, so the loader's hour listing finds it too.
     */
    public static String otherKey(String prefix, String name) {
        return hourPrefix(prefix, Instant.now()) + name + ".json";
    }

    /** Every key under {@code prefix} starts with this: {@code orders/}. */
    public static String all(String prefix) {
        return prefix + "/";
    }

    /** Every key of the hour starts with this: {@code orders/2026/11/22/10/}. */
    public static String hourPrefix(String prefix, Instant time) {
        return all(prefix) + HOUR.format(time) + "/";
    }

    /** A listing position just before every key of {@code hour} and after every key of earlier hours (S3 startAfter). */
    public static String before(String prefix, Instant hour) {
        String hourPrefix = hourPrefix(prefix, hour);
        return hourPrefix.substring(0, hourPrefix.length() - 1);
    }

    public static Instant hourOf(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }

    /** Whether an object of {@code arrival}'s hour, written at {@code now}, is late (see {@link #LATE}). */
    public static boolean isLate(Instant arrival, Instant now) {
        return hourOf(arrival).isBefore(hourOf(now).minus(LATE));
    }

    public static boolean isJobResults(String key) {
        return key.startsWith(all(JOB_RESULTS));
    }
}
