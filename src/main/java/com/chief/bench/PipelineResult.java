package com.chief.bench;

import java.util.Locale;

/** The figures of one {@code bench-pipeline} run, and the one-line JSON the command ends with. */
record PipelineResult(int orders, double chiefOrdersPerS, double naiveOrdersPerS, long p50Ms, long p95Ms, long p99Ms,
        int offeredRate, double heapPeakMb, double rssMb, double emulatorRssMb, double cpuSecondsPer1k) {

    double ratio() {
        return naiveOrdersPerS > 0 ? chiefOrdersPerS / naiveOrdersPerS : 0;
    }

    /** One JSON object on one line, keys in the documented order; numbers rounded, never NaN. */
    String jsonLine() {
        return String.format(Locale.ROOT, "{\"orders\":%d,\"chief_orders_per_s\":%s,\"naive_orders_per_s\":%s,\"ratio\":%s,"
                        + "\"p50_ms\":%d,\"p95_ms\":%d,\"p99_ms\":%d,\"offered_rate\":%d,\"heap_peak_mb\":%s,\"rss_mb\":%s,"
                        + "\"emulator_rss_mb\":%s,\"cpu_s_per_1k\":%s}",
                orders, num(chiefOrdersPerS, 0), num(naiveOrdersPerS, 1), num(ratio(), 1), p50Ms, p95Ms, p99Ms, offeredRate,
                num(heapPeakMb, 0), num(rssMb, 0), num(emulatorRssMb, 0), num(cpuSecondsPer1k, 3));
    }

    private static String num(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
