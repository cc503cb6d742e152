package com.chief.status;

import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * One chart's data: a cumulative counter sampled now and then, its increase since the previous
 * sample booked to the minute of the sample ({@link MinuteCounts}). The first sample is the
 * baseline: what was counted before sampling began belongs to no minute.
 */
final class CounterHistory {

    private final DoubleSupplier total;
    private final MinuteCounts minutes = new MinuteCounts();
    private double last = Double.NaN;

    CounterHistory(DoubleSupplier total) {
        this.total = total;
    }

    synchronized void sample(Instant at) {
        double now = total.getAsDouble();
        if (!Double.isNaN(last) && now > last) {
            minutes.add(at, Math.round(now - last));
        }
        last = now; // a total that fell (a meter removed) is a new baseline
    }

    synchronized long[] lastHour(Instant now) {
        return minutes.lastHour(now);
    }
}
