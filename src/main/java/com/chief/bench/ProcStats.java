package com.chief.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of a process, read from Linux's {@code /proc}; zeros elsewhere. */
final class ProcStats {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private ProcStats() {
    }

    /** Current resident set in MiB. */
    static double rssMb(long pid) {
        return statusKb(pid, "VmRSS:") / 1024.0;
    }

    /** Peak resident set (high-water mark) in MiB. */
    static double peakRssMb(long pid) {
        return statusKb(pid, "VmHWM:") / 1024.0;
    }

    /** User plus system CPU seconds used so far. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS; // utime, stime: fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds the whole machine spent busy (all but idle and iowait, every core) since boot; 0 if unknown. */
    static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
            }
            return busy / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
