package com.chief.bench;

import com.chief.bench.StackProcesses.StackProcess;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every 500 ms the peak resident memory ({@code VmHWM}) of every process of the stack, by pid, with the name each
 * had when first seen; every 5 s Chief's heap in use and live after a collection (its own JVM metrics: a scrape of
 * its Prometheus page every 500 ms cost 3.5% of Chief's CPU, charged to Chief).
 */
final class ResourceSampler implements AutoCloseable {

    private final ChiefUnderTest chief;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Double> peakRssMb = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<String, Double> peakRssMbByName = new ConcurrentHashMap<>();
    private volatile double heapPeakMb;
    private volatile double liveHeapPeakMb;
    private volatile double emulatorRssMb;
    private int samples;

    ResourceSampler(ChiefUnderTest chief) {
        this.chief = chief;
        timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            if (samples++ % 10 == 0) {
                String metrics = chief.metrics();
                double heap = ChiefUnderTest.metric(metrics, "jvm_memory_used_bytes", "area=\"heap\"") / (1024 * 1024);
                heapPeakMb = Math.max(heapPeakMb, heap);
                liveHeapPeakMb = Math.max(liveHeapPeakMb,
                        ChiefUnderTest.metric(metrics, "jvm_gc_live_data_size_bytes") / (1024 * 1024));
            }
            Map<String, Double> alive = new HashMap<>(); // this sample's sum of peaks per name
            for (StackProcess p : StackProcesses.under(chief.handle())) {
                double peak = ProcStats.peakRssMb(p.pid());
                if (peak > 0) { // 0: gone before it was read
                    names.putIfAbsent(p.pid(), p.name());
                    peakRssMb.merge(p.pid(), peak, Math::max);
                    alive.merge(names.get(p.pid()), peak, Double::sum);
                }
                if (p.name().equals(StackProcesses.KINESIS)) {
                    emulatorRssMb = ProcStats.rssMb(p.pid());
                }
            }
            alive.forEach((name, sum) -> peakRssMbByName.merge(name, sum, Math::max));
        } catch (RuntimeException e) {
            // a missed sample
        }
    }

    double heapPeakMb() {
        return heapPeakMb;
    }

    /** The most heap Chief's JVM held right after a collection of its old generation: what it needs, not what it took. */
    double liveHeapPeakMb() {
        return liveHeapPeakMb;
    }

    /** Peak RSS of Chief's JVM. */
    double rssPeakMb() {
        return peakOf(StackProcesses.CHIEF);
    }

    double emulatorRssPeakMb() {
        return peakOf(StackProcesses.KINESIS);
    }

    double emulatorRssMb() {
        return emulatorRssMb;
    }

    /**
     * Per name, the most its processes held at once: the sum of the peaks of those alive in one sample, the
     * largest such sum (the watchdogs' one-second {@code sleep}s, one at a time, do not add up).
     */
    Map<String, Double> peakRssMbByName() {
        return Map.copyOf(peakRssMbByName);
    }

    /** Per name, how many processes were seen. */
    Map<String, Integer> countByName() {
        Map<String, Integer> counts = new HashMap<>();
        names.values().forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts;
    }

    private double peakOf(String name) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(name))
                .mapToDouble(e -> peakRssMb.getOrDefault(e.getKey(), 0.0)).max().orElse(0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
