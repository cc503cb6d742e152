package com.chief.sink.aurora;

import java.time.Duration;

/**
 * One run of the loader: whether it held the lease, objects loaded, objects set aside (could not be
 * loaded), the rows, how long it took, and the lag (age of the oldest object still not loaded when
 * it ended; zero when none is left).
 */
public record LoadRun(boolean ran, int objects, int setAside, LoadCounts counts, Duration took, Duration lag) {

    static LoadRun skipped() {
        return new LoadRun(false, 0, 0, LoadCounts.NONE, Duration.ZERO, Duration.ZERO);
    }
}
