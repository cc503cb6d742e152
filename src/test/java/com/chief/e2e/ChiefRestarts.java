package com.chief.e2e;

import static org.awaitility.Awaitility.await;

import com.chief.support.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Chief after another on the same working directory, environment and ports: started until healthy,
 * SIGKILLed (the JVM alone, or the JVM with all its child processes at once), started again. Each run's
 * log is kept in {@code target/<logDir>/chief-<n>.log}. Closing it kills whatever of them still runs.
 */
final class ChiefRestarts implements AutoCloseable {

    /** Every port Chief opens itself: restarts must find the same ones. */

    private final Path workDir;
    private final Map<String, String> env;
    private final Path logDir;
    private final List<ChiefProcess> chiefs = new ArrayList<>();

    ChiefRestarts(Path workDir, Map<String, String> env, String logDir) {
        this.workDir = workDir;
        this.env = env;
        this.logDir = Path.of("target", logDir);
    }

    /** Puts a port into {@code env} for each key not there yet (below the ephemeral range: free again after a restart). */
    static void stablePorts(Map<String, String> env, List<String> keys) {
        keys.forEach(key -> env.computeIfAbsent(key, k -> String.valueOf(FreePorts.next())));
    }

    int started() {
        return chiefs.size();
    }

    /** Starts the next Chief and waits until health says UP. */
    ChiefProcess start() throws Exception {
        keepLog();
        ChiefProcess chief = ChiefProcess.start(workDir, env);
        chiefs.add(chief);
        try {
            await("Chief up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .failFast("Chief exited", () -> !chief.isAlive())
                    .until(() -> chief.get("/observe/health"), r -> r != null && r.statusCode() == 200);
        } catch (RuntimeException | AssertionError e) {
            System.out.println(chief.log());
            var health = chief.get("/observe/health");
            throw new AssertionError("Chief " + chiefs.size() + " not healthy: " + (health == null ? "no answer" : health.body())
                    + "\nits Kinesis emulator's log ends: " + tail(workDir.resolve("data/kinesis/emulator.log")), e);
        }
        return chief;
    }

    /**
     * SIGKILL of the JVM alone. The KPL's native daemon, a child of the JVM, outlives it (it would on a real
     * host too, until its pipes break); it is ended here so killed runs leave nothing behind. The Kinesis
     * emulator and the embedded MariaDB are left to stop by themselves (they watch their parent) and to be
     * stopped by the next start, as after a real crash.
     */
    void crash(ChiefProcess chief) throws Exception {
        List<ProcessHandle> children = chief.children();
        chief.kill();
        children.stream()
                .filter(child -> child.info().command().map(c -> c.contains("kinesis_producer")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        awaitPortsFree(children);
    }

    /** SIGKILL of the JVM and every process under it at the same moment, as when a machine's processes die together. */
    void crashWithChildren(ChiefProcess chief) throws Exception {
        List<ProcessHandle> all = new ArrayList<>(chief.children());
        all.forEach(ProcessHandle::destroyForcibly);
        chief.kill();
        awaitPortsFree(all);
    }

    /** The killed Chief's children that watch their parent exit within seconds; the restart needs their ports. */
    private void awaitPortsFree(List<ProcessHandle> children) throws Exception {
        long since = System.nanoTime();
        List<Integer> ports = env.entrySet().stream()
                .filter(e -> e.getKey().startsWith("CHIEF_LOCAL_") && e.getKey().endsWith("_PORT")
                        || e.getKey().equals("CHIEF_MANAGEMENT_PORT"))
                .map(e -> Integer.parseInt(e.getValue())).toList();
        try {
            await("the killed Chief's ports free").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ports.stream().allMatch(FreePorts::isFree));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Process ss = new ProcessBuilder("ss", "-tanp").redirectErrorStream(true).start();
            String sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            sockets.lines().filter(line -> ports.stream().anyMatch(port -> line.contains(":" + port + " ")))
                    .forEach(System.out::println);
            children.forEach(child -> System.out.println(child.pid() + " alive=" + child.isAlive() + " " + child.info().commandLine()));
            throw e;
        }
        System.out.printf("killed Chief's ports free after %d ms%n", (System.nanoTime() - since) / 1_000_000);
    }

    /** Each run's log is kept (the next start writes chief.log afresh). */
    private void keepLog() throws IOException {
        Path log = workDir.resolve("chief.log");
        if (Files.exists(log)) {
            Path kept = Files.createDirectories(logDir).resolve("chief-" + chiefs.size() + ".log");
            Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Kills every Chief still running and every child any of them left. */
    @Override
    public void close() throws Exception {
        for (ChiefProcess chief : chiefs) {
            chief.close();
        }
        keepLog();
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The files waiting under {@code dir}, without hidden ones and Camel's lock files. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".camelLock")).toList();
        }
    }

    /** Every file under dir, lock files and hidden ones included. */
    static List<Path> allFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
