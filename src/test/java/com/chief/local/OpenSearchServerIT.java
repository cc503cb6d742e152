package com.chief.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.support.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local OpenSearch in a JVM of its own: it answers on loopback, comes back with its data when it dies,
 * stops within 10 s, and a SIGKILLed parent leaves no search server behind.
 */
class OpenSearchServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void indexesAndSearchesIsStartedAgainWhenKilledAndStopsWithinTenSeconds() throws Exception {
        int port = FreePorts.next();
        int transportPort = FreePorts.next();
        OpenSearchServer server = new OpenSearchServer(dataDir, port, transportPort);
        long started = System.nanoTime();
        server.start();
        double startSeconds = (System.nanoTime() - started) / 1e9;
        String base = "http://127.0.0.1:" + port;
        try {
            long first = server.pid();
            assertThat(first).as("the search server's own JVM").isPositive().isNotEqualTo(ProcessHandle.current().pid());
            assertThat(ProcessHandle.of(first).orElseThrow().info().commandLine().orElse("")).contains("-Xmx" + OpenSearchServer.HEAP);
            assertThat(send("PUT", base + "/probe/_doc/1?refresh=true", "{\"orderId\":\"o-1\"}").statusCode()).isEqualTo(201);
            assertThat(send("GET", base + "/probe/_search?q=orderId:o-1", null).body()).contains("\"total\":{\"value\":1");
            System.out.printf("search server (pid %d) up in %.1f s, RSS %.0f MB%n", first, startSeconds, rssMb(first));

            ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> server.pid() > 0 && server.pid() != first
                            && send("GET", base + "/probe/_search?q=orderId:o-1", null).body().contains("\"total\":{\"value\":1"));
            assertThat(Files.readString(dataDir.resolve("search/opensearch.pid")).strip()).isEqualTo(String.valueOf(server.pid()));
        } finally {
            ProcessHandle last = ProcessHandle.of(server.pid()).orElseThrow();
            long stopping = System.nanoTime();
            server.close();
            double stopSeconds = (System.nanoTime() - stopping) / 1e9;
            System.out.printf("search server stopped in %.1f s%n", stopSeconds);
            assertThat(stopSeconds).isLessThan(10);
            assertThat(last.isAlive()).isFalse();
        }
        assertThat(FreePorts.isFree(port)).isTrue();
        assertThat(FreePorts.isFree(transportPort)).isTrue();
        assertThat(dataDir.resolve("search/opensearch.pid")).as("a clean stop removes the pid file").doesNotExist();
        assertThat(startSeconds).as("start").isLessThan(15);
    }

    @Test
    void aKilledParentLeavesNoSearchServer() throws Exception {
        int port = FreePorts.next();
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SearchServerParent.class.getName(),
                dataDir.toString(), String.valueOf(port), String.valueOf(FreePorts.next()))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            long child = -1;
            while (child < 0) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                System.out.println("parent: " + line);
                if (line.startsWith(SearchServerParent.READY)) {
                    child = Long.parseLong(line.substring(SearchServerParent.READY.length()).strip());
                }
            }
            assertThat(child).as("the parent started a search server").isPositive();
            ProcessHandle search = ProcessHandle.of(child).orElseThrow();
            List<ProcessHandle> all = parent.descendants().toList();

            parent.destroyForcibly(); // SIGKILL: no hook of the parent runs
            long killed = System.nanoTime();
            assertThat(search.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
            System.out.printf("search server gone %.1f s after its parent's SIGKILL%n", (System.nanoTime() - killed) / 1e9);
            await().atMost(Duration.ofSeconds(5)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(FreePorts.isFree(port)).isTrue();
            assertThat(dataDir.resolve("search/opensearch.pid")).doesNotExist();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void aServerLeftByAnEarlierRunIsStoppedBeforeTheNextStarts() throws Exception {
        int port = FreePorts.next();
        Path home = Files.createDirectories(dataDir.resolve("search"));
        // started as OpenSearchServer starts it, but by nobody who will stop it
        Process leftover = new ProcessBuilder(ChildJvm.command(home, "leftover", List.of("-Xmx512m"), OpenSearchMain.class,
                home.toString(), String.valueOf(FreePorts.next()), String.valueOf(FreePorts.next())))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("leftover.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dataDir.resolve("leftover.log"))
                    && Files.readString(dataDir.resolve("leftover.log")).contains("OpenSearch ready"));
            OpenSearchServer server = new OpenSearchServer(dataDir, port, FreePorts.next());
            try {
                server.start();
                assertThat(leftover.isAlive()).isFalse();
                assertThat(send("GET", "http://127.0.0.1:" + port + "/_cluster/health", null).statusCode()).isEqualTo(200);
            } finally {
                server.close();
            }
        } finally {
            leftover.destroyForcibly();
        }
    }

    private static HttpResponse<String> send(String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double rssMb(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0) / 1024.0;
    }

    /** A stand-in for Chief: starts the search server, prints its pid, and waits to be killed. */
    public static final class SearchServerParent {

        static final String READY = "search server pid ";

        public static void main(String[] args) throws Exception {
            OpenSearchServer server = new OpenSearchServer(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            server.start();
            System.out.println(READY + server.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // a stand-in for Chief: lives until the test kills it
        }
    }
}
