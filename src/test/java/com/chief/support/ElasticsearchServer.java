package com.chief.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A real Elasticsearch 9 for tests: the integ-test distribution that Maven unpacks into
 * {@code target/elasticsearch} (system property {@code chief.elasticsearch.home}), run by the
 * Temurin 25 JDK (it needs Java 21+), on 127.0.0.1, with security on and one file-realm user. It
 * refuses to run as root, so as root it runs as nobody via setpriv, in a folder nobody owns.
 */
public final class ElasticsearchServer implements AutoCloseable {

    public static final String USER = "chief";
    public static final String PASSWORD = "chief-test-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final URI url;
    private final Path dir;

    private ElasticsearchServer(Process process, URI url, Path dir) {
        this.process = process;
        this.url = url;
        this.dir = dir;
    }

    /** Starts one in {@code dir} (created; must not be a private temp folder: nobody has to reach it). */
    public static ElasticsearchServer start(Path dir) throws Exception {
        Path home = Path.of(System.getProperty("chief.elasticsearch.home", "target/elasticsearch/elasticsearch-9.5.3"));
        if (!Files.exists(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("No Elasticsearch at " + home.toAbsolutePath()
                    + ": `mvn verify` unpacks it (pre-integration-test)");
        }
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true, false)); // in case unpacking lost the modes
        }
        Path javaHome = ElasticsearchJava.home();
        delete(dir); // a previous run's data and users
        Path config = dir.resolve("config");
        copy(home.resolve("config"), config);
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("logs"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "65534:65534", dir.toString()), Map.of());
        }
        Map<String, String> env = Map.of("ES_JAVA_HOME", javaHome.toString(), "ES_PATH_CONF", config.toString(),
                "ES_JAVA_OPTS", "-Xms512m -Xmx512m", "ES_TMPDIR", dir.resolve("logs").toString());
        run(asUser(root, List.of(home.resolve("bin/elasticsearch-users").toString(), "useradd", USER, "-p", PASSWORD,
                "-r", "superuser")), env);

        int httpPort = FreePorts.next();
        List<String> command = asUser(root, List.of(home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=true",
                "-Expack.security.http.ssl.enabled=false",
                "-Expack.security.transport.ssl.enabled=false",
                "-Ehttp.host=127.0.0.1",
                "-Etransport.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + FreePorts.next(),
                "-Epath.data=" + dir.resolve("data"),
                "-Epath.logs=" + dir.resolve("logs"),
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile());
        builder.environment().putAll(env);
        ElasticsearchServer server = new ElasticsearchServer(builder.start(), URI.create("http://127.0.0.1:" + httpPort), dir);
        try {
            server.awaitHealthy();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI url() {
        return url;
    }

    /** The Authorization header of the test user. */
    public static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes());
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/_cluster/health")).header("Authorization", authorization())
                .timeout(Duration.ofSeconds(2)).build();
        try {
            await("Elasticsearch healthy").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .failFast("Elasticsearch exited at start", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet (ConnectException and the like)
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new IllegalStateException(e.getMessage() + ": " + tail(), e);
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("console.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** Stops the launcher and the server JVM it started. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    private static List<String> asUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
