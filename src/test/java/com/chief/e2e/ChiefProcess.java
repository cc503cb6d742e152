package com.chief.e2e;

import com.chief.config.AwsClients;
import com.chief.local.EmbeddedMariaDb;
import com.chief.local.LocalCredentials;
import com.chief.support.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The packaged jar run as a user runs it: {@code java -jar target/chief.jar} in a working directory of its own. */
final class ChiefProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The ports a Chief on the local stack listens on, each given a free one unless the test names it. */
    static final List<String> PORT_KEYS = List.of("CHIEF_LOCAL_KINESIS_PORT", "CHIEF_LOCAL_KINESIS_TLS_PORT",
            "CHIEF_LOCAL_STS_PORT", "CHIEF_LOCAL_S3_PORT", "CHIEF_LOCAL_SEARCH_PORT", "CHIEF_LOCAL_SEARCH_TRANSPORT_PORT",
            "CHIEF_LOCAL_DYNAMODB_PORT", "CHIEF_LOCAL_DB_PORT", "CHIEF_MANAGEMENT_PORT");

    final Path workDir;
    final Map<String, Integer> ports = new HashMap<>();
    private final Process process;
    private final List<ProcessHandle> children = new ArrayList<>();

    private ChiefProcess(Path jar, Path workDir, Map<String, String> extraEnv) throws IOException {
        this.workDir = workDir;
        for (String key : PORT_KEYS) {
            ports.put(key, extraEnv.containsKey(key) ? Integer.parseInt(extraEnv.get(key)) : FreePorts.next());
        }
        ProcessBuilder builder = new ProcessBuilder(command(jar))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("chief.log").toFile());
        ports.forEach((key, port) -> builder.environment().put(key, String.valueOf(port)));
        builder.environment().putAll(extraEnv);
        process = builder.start();
    }

    static ChiefProcess start(Path workDir, Map<String, String> env) throws IOException {
        return new ChiefProcess(jar(), workDir, env);
    }

    /** Another packaged jar than chief.jar ({@link #awsJar()}), started the same way. */
    static ChiefProcess start(Path jar, Path workDir, Map<String, String> env) throws IOException {
        return new ChiefProcess(jar, workDir, env);
    }

    /** The JDBC URL (with its user) of Chief's embedded MariaDB, which any other process may open while Chief runs. */
    String databaseUrl() {
        return EmbeddedMariaDb.url(ports.get("CHIEF_LOCAL_DB_PORT")) + "?user=" + EmbeddedMariaDb.USER;
    }

    /** Moves a staged file into an inbox in one step, as a user's {@code mv} does. */
    static void drop(Path file, Path inbox) {
        try {
            Files.createDirectories(inbox);
            Files.move(file, inbox.resolve(file.getFileName()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("chief.jar", "target/chief.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn verify' (it packages the jar first)");
        }
        return jar;
    }

    /** chief-aws.jar: chief.jar without the embedded stack and the benchmarks, for the aws profile. */
    static Path awsJar() {
        Path jar = Path.of(System.getProperty("chief.aws.jar", "target/chief-aws.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn verify' (it packages the jar first)");
        }
        return jar;
    }

    /**
     * {@code java <options> -jar <jar> <args>}: the options are the test run's ({@code -Dtest.jvm}, by default C1 only and
     * the serial collector: a test's Chief lives seconds to minutes, where compiling for peak speed costs more CPU than
     * it saves, and the two cores are shared by the test JVMs' Chiefs side by side). Chief passes them on to its own JVMs.
     */
    static List<String> command(Path jar, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = System.getProperty("chief.test.jvm-options", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    URI management(String path) {
        return URI.create("http://127.0.0.1:" + ports.get("CHIEF_MANAGEMENT_PORT") + path);
    }

    /** Status code and body of a GET on the management port; status -1 while it does not answer. */
    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(management(path)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Jolokia GET as a script sends it: Jolokia refuses a request without an allowed Origin (or Referer). */
    HttpResponse<String> jolokia(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(management("/observe/jolokia" + path)).header("Origin", management("").toString())
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A Jolokia request POSTed as an operator's script or Hawtio sends it: logged in ({@code authorization}, an
     * HTTP Basic header value) from an allowed Origin; operations (stop, start) need the login.
     */
    HttpResponse<String> jolokia(String authorization, String request) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(management("/observe/jolokia")).header("Content-Type", "application/json")
                .header("Authorization", authorization).header("Origin", management("").toString())
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until health says UP (HTTP 200), failing at once if the process exits. */
    void awaitHealthy() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .failFast("Chief exited; see its log", () -> !isAlive())
                .until(() -> get("/observe/health"), r -> r != null && r.statusCode() == 200);
    }

    /** A client of the embedded Kinesis emulator, to count what reached the streams. */
    KinesisClient kinesis() {
        return kinesis(ports.get("CHIEF_LOCAL_KINESIS_PORT"));
    }

    /**
     * A test's client for the emulator of a Chief on {@code port}. A long read timeout: reading a whole stream
     * back competes with Chief's own readers for the emulator's one thread.
     */
    static KinesisClient kinesis(Object port) {
        AwsClients.speakJsonToKinesisEmulators();
        return KinesisClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofMinutes(2)))
                .build();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Child processes (the Kinesis emulator), remembered so the test can check they are gone afterwards. */
    List<ProcessHandle> children() {
        process.descendants().filter(child -> !children.contains(child)).forEach(children::add);
        return List.copyOf(children);
    }

    String log() {
        try {
            return Files.readString(workDir.resolve("chief.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager would; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        children();
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Chief did not stop within " + timeout + "\n" + log());
        }
        return process.exitValue();
    }

    /**
     * SIGKILL of Chief's JVM (no shutdown hook runs), then of the launcher: started without a heap setting,
     * the jar runs Chief in a child JVM with a bounded heap and only waits for it.
     */
    void kill() throws InterruptedException {
        children();
        chiefJvm().ifPresent(jvm -> {
            jvm.destroyForcibly();
            jvm.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> jvm).join();
        });
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** The launcher started by the test: {@code java -jar chief.jar}. */
    ProcessHandle launcher() {
        return process.toHandle();
    }

    /** The child JVM that runs Chief (marked with {@code -Dchief.jvm.launcher-pid}), once the launcher has started it. */
    java.util.Optional<ProcessHandle> chiefJvm() {
        return process.children().filter(child -> child.info().commandLine()
                .map(line -> line.contains("-D" + com.chief.launch.HeapDecision.CHILD_MARKER + "=")).orElse(false)).findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        children().forEach(ProcessHandle::destroyForcibly);
    }
}
