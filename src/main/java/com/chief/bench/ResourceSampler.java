package com.chief.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Every 500 ms: Chief's heap in use (its own JVM metrics) and the resident memory of Chief and of the emulator. */
final class ResourceSampler implements AutoCloseable {

    private final ChiefUnderTest chief;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile double heapPeakMb;
    private volatile double rssPeakMb;
    private volatile double emulatorRssPeakMb;
    private volatile double emulatorRssMb;

    ResourceSampler(ChiefUnderTest chief) {
        this.chief = chief;
        timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            double heap = ChiefUnderTest.metric(chief.metrics(), "jvm_memory_used_bytes", "area=\"heap\"") / (1024 * 1024);
            heapPeakMb = Math.max(heapPeakMb, heap);
            rssPeakMb = Math.max(rssPeakMb, ProcStats.peakRssMb(chief.pid()));
            chief.emulatorPid().ifPresent(pid -> {
                emulatorRssMb = ProcStats.rssMb(pid);
                emulatorRssPeakMb = Math.max(emulatorRssPeakMb, ProcStats.peakRssMb(pid));
            });
        } catch (RuntimeException e) {
            // a missed sample
        }
    }

    double heapPeakMb() {
        return heapPeakMb;
    }

    double rssPeakMb() {
        return rssPeakMb;
    }

    double emulatorRssPeakMb() {
        return emulatorRssPeakMb;
    }

    double emulatorRssMb() {
        return emulatorRssMb;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
