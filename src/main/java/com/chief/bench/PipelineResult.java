package com.chief.bench;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one {@code bench-pipeline} run, and the one-line JSON the command ends with. {@code processes}:
 * each process of the stack over the throughput phase ({@link StackUsage}).
 */
record PipelineResult(int orders, double chiefOrdersPerS, double naiveOrdersPerS, long p50Ms, long p95Ms, long p99Ms,
        int offeredRate, double heapPeakMb, double rssMb, double emulatorRssMb, double cpuSecondsPer1k,
        double chiefCpuPer1k, double stackCpuPer1k, double totalRssMb, List<StackUsage.Usage> processes) {

    double ratio() {
        return naiveOrdersPerS > 0 ? chiefOrdersPerS / naiveOrdersPerS : 0;
    }

    /** One JSON object on one line, keys in the documented order; numbers rounded, never NaN. */
    String jsonLine() {
        StringBuilder perProcess = new StringBuilder("{");
        for (StackUsage.Usage usage : processes) {
            if (perProcess.length() > 1) {
                perProcess.append(',');
            }
            perProcess.append(String.format(Locale.ROOT, "\"%s\":{\"cpu_s_per_1k\":%s,\"rss_peak_mb\":%s,\"count\":%d}",
                    usage.name(), num(usage.cpuPer1k(), 3), num(usage.peakRssMb(), 0), usage.processes()));
        }
        perProcess.append('}');
        return String.format(Locale.ROOT, "{\"orders\":%d,\"chief_orders_per_s\":%s,\"naive_orders_per_s\":%s,\"ratio\":%s,"
                        + "\"p50_ms\":%d,\"p95_ms\":%d,\"p99_ms\":%d,\"offered_rate\":%d,\"heap_peak_mb\":%s,\"rss_mb\":%s,"
                        + "\"emulator_rss_mb\":%s,\"cpu_s_per_1k\":%s,\"chief_cpu_s_per_1k\":%s,\"stack_cpu_s_per_1k\":%s,"
                        + "\"total_rss_mb\":%s,\"processes\":%s}",
                orders, num(chiefOrdersPerS, 0), num(naiveOrdersPerS, 1), num(ratio(), 1), p50Ms, p95Ms, p99Ms, offeredRate,
                num(heapPeakMb, 0), num(rssMb, 0), num(emulatorRssMb, 0), num(cpuSecondsPer1k, 3), num(chiefCpuPer1k, 3),
                num(stackCpuPer1k, 3), num(totalRssMb, 0), perProcess);
    }

    private static String num(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
