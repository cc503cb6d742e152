package com.chief.launch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether Chief's server, started without a heap setting, runs in a child JVM with a bounded heap.
 * The JVM's default maximum heap is a quarter of the machine's memory and G1 grows into it; a jar
 * cannot carry JVM options, so a plain {@code java -jar chief.jar} would otherwise take gigabytes.
 */
public final class HeapDecision {

    /** The system property that marks the child JVM (its value: the launcher's pid). */
    public static final String CHILD_MARKER = "chief.jvm.launcher-pid";
    /** Options that set the maximum heap, directly or as a share of memory. */
    static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAMPercentage=", "-XX:MaxRAM=",
            "-XX:MaxRAMFraction=");
    /** Environment variables the {@code java} command reads options from. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private HeapDecision() {
    }

    /**
     * The maximum heap of the child JVM to start, or empty when this JVM runs Chief itself: the heap
     * was chosen ({@code jvmArguments} are this JVM's input arguments, which include what the option
     * variables held; the variables are checked too), this JVM is already the child, or a debugger is
     * attached (its agent's port cannot be opened twice; breakpoints belong in the JVM that runs Chief).
     */
    public static Optional<String> childHeap(List<String> jvmArguments, Map<String, String> env, String configuredHeap) {
        for (String argument : jvmArguments) {
            if (setsHeap(argument) || argument.startsWith("-D" + CHILD_MARKER + "=") || debugs(argument)) {
                return Optional.empty();
            }
        }
        for (String variable : OPTION_VARIABLES) {
            for (String option : env.getOrDefault(variable, "").trim().split("\\s+")) {
                if (setsHeap(option) || debugs(option)) {
                    return Optional.empty();
                }
            }
        }
        if (configuredHeap == null || configuredHeap.isBlank()) {
            return Optional.empty(); // chief.jvm.max-heap= (empty): no child, the JVM's own default
        }
        String heap = configuredHeap.trim();
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("chief.jvm.max-heap / CHIEF_JVM_MAX_HEAP: '" + heap
                    + "' is not a heap size like 1g or 768m");
        }
        return Optional.of(heap);
    }

    static boolean setsHeap(String option) {
        return HEAP_OPTIONS.stream().anyMatch(option::startsWith);
    }

    private static boolean debugs(String option) {
        return option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp");
    }
}
