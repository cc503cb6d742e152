package com.chief.local;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command of a server's own JVM: this Java, this JVM's classpath (the jar, or Maven's test
 * classpath in tests), this JVM's compiler and collector choice, the server's JVM options, its main
 * class and arguments.
 */
final class ChildJvm {

    /**
     * Options that choose how a JVM compiles and collects, not what it holds: a Chief started for a quick
     * start and little CPU ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}, as the tests start it)
     * starts its servers' JVMs the same way.
     */
    private static final List<String> INHERITED = List.of("-XX:TieredStopAtLevel=", "-XX:-TieredCompilation",
            "-XX:CICompilerCount=", "-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseG1GC", "-XX:+UseZGC");

    private ChildJvm() {
    }

    /**
     * The classpath goes into {@code <dir>/<name>-classpath.args} (a Java argument file, where no
     * command-line length limit applies); the main class stays on the command line, where a leftover
     * of an earlier run is recognised by it.
     */
    static List<String> command(Path dir, String name, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException {
        String classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()) // the child runs in another folder
                .collect(Collectors.joining(File.pathSeparator));
        Path argFile = dir.resolve(name + "-classpath.args");
        Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> INHERITED.stream().anyMatch(option::startsWith)).forEach(command::add);
        command.addAll(jvmOptions);
        command.add("@" + argFile);
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** The JVM running {@code main} under the watchdog script {@code script} (its only child), or -1. */
    static long pid(long script, Class<?> main) {
        return ProcessHandle.of(script).stream().flatMap(ProcessHandle::children)
                .filter(child -> child.info().commandLine().orElse("").contains(main.getName()))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }
}
