package com.chief.bench;

import com.chief.local.EmbeddedMariaDb;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar started as a user starts it, in a working directory of its own, on free ports. */
final class ChiefUnderTest implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path workDir;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final long launchedNanos;
    private final Process process;

    ChiefUnderTest(Path jar, Path workDir, PipelineOptions options, Map<String, String> env) throws IOException {
        this.workDir = workDir;
        for (String key : List.of("CHIEF_LOCAL_KINESIS_PORT", "CHIEF_LOCAL_KINESIS_TLS_PORT", "CHIEF_LOCAL_STS_PORT",
                "CHIEF_LOCAL_S3_PORT", "CHIEF_LOCAL_SEARCH_PORT", "CHIEF_LOCAL_SEARCH_TRANSPORT_PORT", "CHIEF_LOCAL_DB_PORT",
                "CHIEF_MANAGEMENT_PORT")) {
            ports.put(key, freePort());
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (options.xmx() != null) {
            command.add("-Xmx" + options.xmx());
        }
        if (options.jfr()) {
            command.add("-XX:StartFlightRecording=filename=" + workDir.resolve("chief.jfr") + ",settings=profile,dumponexit=true");
        }
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("chief.log").toFile());
        ports.forEach((key, port) -> builder.environment().put(key, String.valueOf(port)));
        builder.environment().putAll(env);
        launchedNanos = System.nanoTime();
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-stop-chief")); // Ctrl-C leaves nothing behind
    }

    /** The process started: Chief's JVM, or the launcher that runs it in a child JVM with a bounded heap. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    String url(String key) {
        return "http://127.0.0.1:" + ports.get(key);
    }

    /** The JDBC URL of a database on Chief's embedded MariaDB server (Chief's own is {@code chief}). */
    String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + ports.get("CHIEF_LOCAL_DB_PORT") + "/" + database + "?user=" + EmbeddedMariaDb.USER;
    }

    /** Seconds from launch until health answered UP. */
    double awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chief exited with " + process.exitValue() + "; see " + workDir.resolve("chief.log"));
            }
            HttpResponse<String> health = get(url("CHIEF_MANAGEMENT_PORT") + "/observe/health");
            if (health != null && health.statusCode() == 200) {
                return (System.nanoTime() - launchedNanos) / 1e9;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Chief not healthy within " + timeout + "; see " + workDir.resolve("chief.log"));
    }

    /** Chief's Prometheus page, or an empty string. */
    String metrics() {
        HttpResponse<String> response = get(url("CHIEF_MANAGEMENT_PORT") + "/observe/metrics");
        return response == null ? "" : response.body();
    }

    /** The sum of a Prometheus metric's samples whose labels contain every given {@code key="value"}. */
    static double metric(String page, String name, String... labels) {
        double sum = 0;
        for (String line : page.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                try {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        }
        return sum;
    }

    /** SIGTERM as Ctrl-C sends it; seconds until the process (and its emulator) ended. */
    double stop(Duration timeout) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> child).join();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build());
    }

    static HttpResponse<String> post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static HttpResponse<String> put(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = ChiefUnderTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in != null) {
                Files.copy(in, target);
            }
        }
    }
}
