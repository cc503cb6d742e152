package com.chief.launch;

import com.chief.config.ConfigLocations;
import com.chief.settings.ChiefKeys;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs Chief's server in a child JVM with a bounded heap when it was started without a heap setting
 * ({@link HeapDecision}): the started JVM becomes a launcher that only waits. Its output and input are
 * the child's ({@code inheritIO}); SIGTERM/SIGINT to it stop the child gracefully and it exits with the
 * child's code; the child stops by itself if the launcher is killed.
 */
public final class BoundedHeapLauncher {

    private BoundedHeapLauncher() {
    }

    /**
     * Returns only when this JVM is to run Chief itself; otherwise runs the child ({@code mainClass} when not
     * started with {@code -jar}) and exits with its code.
     */
    public static void relaunchIfUnbounded(Class<?> mainClass, String[] args) throws IOException, InterruptedException {
        Optional<String> heap = HeapDecision.childHeap(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv(), ConfigLocations.earlySetting(ChiefKeys.JVM_MAX_HEAP));
        if (heap.isEmpty()) {
            watchLauncher();
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(childCommand(heap.get(), mainClass, args)).inheritIO();
        // their options are among this JVM's arguments, passed on above; read again they would count twice
        HeapDecision.OPTION_VARIABLES.forEach(builder.environment()::remove);
        BoundedMalloc.apply(builder);
        Process child = builder.start();
        closeOwnRecordings();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "chief-child-stop"));
        System.exit(child.waitFor());
    }

    /** SIGTERM to the child, then wait for its graceful stop; this JVM then ends with the child's code. */
    private static void stop(Process child) {
        if (child.isAlive()) {
            child.destroy();
        }
        try {
            int code = child.waitFor();
            Runtime.getRuntime().halt(code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same java, this JVM's own options, the bounded heap and the marker, the same jar (or classpath) and arguments. */
    static List<String> childCommand(String heap, Class<?> mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Xmx" + heap);
        command.add("-D" + HeapDecision.CHILD_MARKER + "=" + ProcessHandle.current().pid());
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, mainClass.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** A recording asked for on the command line is the child's to make (it writes the same file); this JVM's is dropped. */
    private static void closeOwnRecordings() {
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(option -> option.startsWith("-XX:StartFlightRecording"))) {
            jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().forEach(jdk.jfr.Recording::close);
        }
    }

    /** In the child: a launcher killed outright (no hook ran) must not leave Chief running; it stops as on SIGTERM. */
    private static void watchLauncher() {
        String launcher = System.getProperty(HeapDecision.CHILD_MARKER);
        if (launcher == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(launcher)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> {
                        System.err.println("Chief's launcher (pid " + launcher + ") is gone; stopping");
                        System.exit(143);
                    }),
                    () -> System.exit(143));
        } catch (NumberFormatException e) {
            // not a pid: nothing to watch
        }
    }
}
