package com.chief.bench;

import com.chief.bench.StackProcesses.StackProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each process of the stack over the throughput phase: CPU seconds per 1 000 orders ({@code /proc/<pid>/stat})
 * and peak resident memory ({@code VmHWM}), per process name; the bottleneck, and whether the cores were full.
 */
final class StackUsage {

    /** A machine whose cores were busy this share of the phase or more was saturated. */
    static final double SATURATED = 0.9;

    /** One name's processes: how many, their CPU over the phase, per 1 000 orders, and the sum of their peak RSS. */
    record Usage(String name, int processes, double cpuSeconds, double cpuPer1k, double peakRssMb) {
    }

    /** CPU seconds used so far by each process of the stack, and by the whole machine, at one moment. */
    record Snapshot(Map<Long, StackProcess> processes, Map<Long, Double> cpuSeconds, double machineBusySeconds, long nanos) {

        static Snapshot take(ProcessHandle root) {
            Map<Long, StackProcess> processes = new LinkedHashMap<>();
            Map<Long, Double> cpu = new LinkedHashMap<>();
            for (StackProcess p : StackProcesses.under(root)) {
                processes.put(p.pid(), p);
                cpu.put(p.pid(), ProcStats.cpuSeconds(p.pid()));
            }
            return new Snapshot(processes, cpu, ProcStats.machineBusySeconds(), System.nanoTime());
        }
    }

    /** The cores the stack's processes (those in both snapshots) kept busy between two snapshots. */
    static double coresBetween(Snapshot before, Snapshot after) {
        double cpu = 0;
        for (Map.Entry<Long, Double> process : after.cpuSeconds().entrySet()) {
            Double earlier = before.cpuSeconds().get(process.getKey());
            if (earlier != null) {
                cpu += process.getValue() - earlier;
            }
        }
        return cpu / Math.max(1e-3, (after.nanos() - before.nanos()) / 1e9);
    }

    private final List<Usage> usages;
    private final int orders;
    private final double wallSeconds;
    private final double machineBusySeconds;
    private final int cores;

    private StackUsage(List<Usage> usages, int orders, double wallSeconds, double machineBusySeconds, int cores) {
        this.usages = usages;
        this.orders = orders;
        this.wallSeconds = wallSeconds;
        this.machineBusySeconds = machineBusySeconds;
        this.cores = cores;
    }

    /**
     * The phase between two snapshots for {@code orders} orders. A process started during the phase counts all
     * its CPU; one that ended during it, none (its time is gone with it). {@code peakRssMb} and {@code counts}: per
     * name, the most its processes held at once and how many there were, as the sampler saw them.
     */
    static StackUsage between(Snapshot before, Snapshot after, Map<String, Double> peakRssMb, Map<String, Integer> counts,
            int orders, int cores) {
        Map<String, double[]> byName = new TreeMap<>(); // name -> {processes, cpu seconds, peak RSS}
        after.cpuSeconds().forEach((pid, seconds) -> {
            double[] sums = byName.computeIfAbsent(after.processes().get(pid).name(), n -> new double[3]);
            sums[1] += Math.max(0, seconds - before.cpuSeconds().getOrDefault(pid, 0.0));
        });
        peakRssMb.forEach((name, peak) -> byName.computeIfAbsent(name, n -> new double[3])[2] = peak);
        byName.forEach((name, sums) -> sums[0] = Math.max(counts.getOrDefault(name, 0),
                after.processes().values().stream().filter(p -> p.name().equals(name)).count()));
        List<Usage> usages = new ArrayList<>();
        byName.forEach((name, sums) -> usages.add(new Usage(name, (int) sums[0], sums[1], per1k(sums[1], orders), sums[2])));
        usages.sort(Comparator.comparingDouble(Usage::cpuSeconds).reversed());
        return new StackUsage(usages, orders, (after.nanos() - before.nanos()) / 1e9,
                after.machineBusySeconds() - before.machineBusySeconds(), cores);
    }

    /** CPU seconds per 1 000 orders; 0 without orders. */
    static double per1k(double cpuSeconds, int orders) {
        return orders > 0 ? cpuSeconds / orders * 1000 : 0;
    }

    List<Usage> usages() {
        return usages;
    }

    double chiefCpuPer1k() {
        return usages.stream().filter(u -> u.name().equals(StackProcesses.CHIEF)).mapToDouble(Usage::cpuPer1k).sum();
    }

    double stackCpuSeconds() {
        return usages.stream().mapToDouble(Usage::cpuSeconds).sum();
    }

    double stackCpuPer1k() {
        return per1k(stackCpuSeconds(), orders);
    }

    double totalRssMb() {
        return usages.stream().mapToDouble(Usage::peakRssMb).sum();
    }

    /** Cores the stack kept busy on average over the phase. */
    double stackCores() {
        return wallSeconds > 0 ? stackCpuSeconds() / wallSeconds : 0;
    }

    /** Cores the whole machine kept busy on average (the stack, the benchmark, anything else running). */
    double machineCores() {
        return wallSeconds > 0 ? machineBusySeconds / wallSeconds : 0;
    }

    /** The process with the most CPU per order, and whether the machine's cores were saturated. */
    String bottleneck() {
        if (usages.isEmpty() || stackCpuSeconds() <= 0) {
            return "bottleneck: unknown (no CPU time measured)";
        }
        Usage top = usages.get(0);
        boolean saturated = machineCores() >= SATURATED * cores;
        return String.format(Locale.ROOT, "bottleneck: %s, %.3f CPU s per 1,000 orders (%.0f%% of the stack's CPU); "
                        + "the stack kept %.2f of %d cores busy over %.1f s, the machine %.2f: %s", top.name(), top.cpuPer1k(),
                100 * top.cpuSeconds() / stackCpuSeconds(), stackCores(), cores, wallSeconds, machineCores(),
                saturated ? "cores saturated (CPU-bound)" : "cores not saturated (waiting, not computing)");
    }
}
