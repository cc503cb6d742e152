package com.chief.status;

import java.time.Instant;
import java.util.Arrays;

/**
 * Counts per minute over the last hour: a ring of 60 buckets, each remembering which minute it
 * holds, so a bucket left from an hour ago reads 0 instead of an old count. Not thread-safe: its
 * owner synchronizes.
 */
final class MinuteCounts {

    static final int MINUTES = 60;

    private final long[] counts = new long[MINUTES];
    private final long[] minuteOf = new long[MINUTES];

    MinuteCounts() {
        Arrays.fill(minuteOf, Long.MIN_VALUE);
    }

    void add(Instant at, long count) {
        long minute = epochMinute(at);
        int bucket = bucket(minute);
        if (minuteOf[bucket] != minute) {
            minuteOf[bucket] = minute;
            counts[bucket] = 0;
        }
        counts[bucket] += count;
    }

    /** The 60 minutes up to and including the one of {@code now}, oldest first. */
    long[] lastHour(Instant now) {
        long current = epochMinute(now);
        long[] hour = new long[MINUTES];
        for (int i = 0; i < MINUTES; i++) {
            long minute = current - (MINUTES - 1) + i;
            int bucket = bucket(minute);
            hour[i] = minuteOf[bucket] == minute ? counts[bucket] : 0;
        }
        return hour;
    }

    static long epochMinute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    private static int bucket(long minute) {
        return (int) Math.floorMod(minute, MINUTES);
    }
}
