package com.chief.bench;

import com.chief.launch.HeapDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The processes of the stack under test: the process the benchmark started and everything under it, each
 * named by its command line (the local servers may run in Chief's JVM or in processes of their own).
 */
final class StackProcesses {

    static final String CHIEF = "Chief";
    static final String LAUNCHER = "launcher";
    static final String SEARCH = "search (OpenSearch)";
    static final String S3 = "S3 (S3Proxy)";
    static final String DATABASE = "database (mariadbd)";
    static final String KINESIS = "Kinesis emulator";
    static final String DYNAMODB = "DynamoDB (dynalite)";
    static final String KPL = "KPL daemon";
    static final String OTHER = "other";

    /** A process of the stack and what it is. */
    record StackProcess(long pid, String name) {
    }

    private StackProcesses() {
    }

    /**
     * {@code root} and its descendants. Chief's JVM is the child marked by the launcher when the root only
     * launched it ({@link HeapDecision}); otherwise the root itself.
     */
    static List<StackProcess> under(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        boolean launched = descendants.stream().anyMatch(p -> isChiefChild(commandLine(p)));
        List<StackProcess> all = new ArrayList<>();
        all.add(new StackProcess(root.pid(), launched ? LAUNCHER : CHIEF));
        for (ProcessHandle p : descendants) {
            all.add(new StackProcess(p.pid(), name(commandLine(p))));
        }
        return all;
    }

    /** What a descendant of the started process is, by its command line. */
    static String name(String commandLine) {
        if (isChiefChild(commandLine)) {
            return CHIEF;
        }
        String line = commandLine.toLowerCase(Locale.ROOT);
        String executable = line.split("\\s+", 2)[0];
        executable = executable.substring(executable.lastIndexOf('/') + 1);
        if (executable.startsWith("kinesis_producer")) {
            return KPL; // the KPL unpacks its daemon as kinesis_producer_<hash>
        }
        return switch (executable) {
            case "java" -> line.contains("opensearch") ? SEARCH : line.contains("s3proxy") ? S3 : OTHER;
            case "mariadbd", "mysqld" -> DATABASE;
            case "node" -> line.contains("kinesalite") ? KINESIS : line.contains("dynalite") ? DYNAMODB : OTHER;
            default -> OTHER; // the watchdog shells and their sleeps
        };
    }

    private static boolean isChiefChild(String commandLine) {
        return commandLine.contains("-D" + HeapDecision.CHILD_MARKER + "=");
    }

    private static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse(p.info().command().orElse(""));
    }
}
