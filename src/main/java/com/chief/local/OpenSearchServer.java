package com.chief.local;

import com.chief.settings.ChiefKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local OpenSearch 2.19, data under {@code <data>/search}: a JVM of its own ({@link OpenSearchMain},
 * started from Chief's own classpath, the jar's or a test's) with a bounded heap, so Chief's heap holds
 * only Chief and a collection in one never pauses the other. Supervised like the other child servers:
 * started again if it dies while Chief runs, stopped with Chief, and gone within seconds of a killed
 * Chief (the watchdog script, and a leftover found by its pid file at the next start).
 */
public final class OpenSearchServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchServer.class);
    /** Its heap: what 1,000,000 orders' monthly indices need with room to spare (docs/performance.md). */
    static final String HEAP = "384m";
    /**
     * Options of OpenSearch's own launcher that matter here: Netty on heap buffers (direct memory stays
     * small, the heap bounds it), a JVM out of heap exits and is started again rather than limping on.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx" + HEAP, "-Xss1m",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-Dio.netty.allocator.numDirectArenas=0", "-Dio.netty.noUnsafe=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0", "-Dlog4j2.disable.jmx=true");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180); // 6-13 s measured; 80 s at load 30 on 2 cores
    private static final Duration STOP_GRACE = Duration.ofSeconds(8);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);

    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private ChildServer server;

    public OpenSearchServer(Path dataDir, int httpPort, int transportPort) {
        this.home = dataDir.resolve("search");
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    @Override
    public void start() {
        Path log = home.resolve("opensearch.log");
        ProcessBuilder builder;
        try {
            Files.createDirectories(home);
            ChildServer.stopLeftover(home.resolve(OpenSearchMain.PID_FILE), OpenSearchMain.class.getName(),
                    "local OpenSearch", LEFTOVER_GRACE);
            List<String> command = ChildJvm.command(home, "opensearch", JVM_OPTIONS, OpenSearchMain.class,
                    home.toString(), String.valueOf(httpPort), String.valueOf(transportPort));
            builder = WhileChiefRuns.wrap(home, command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare the local OpenSearch in " + home + ": " + e.getMessage(), e);
        }
        server = new ChildServer("local OpenSearch", builder, List.of(
                new ChildServer.Port(httpPort, ChiefKeys.LOCAL_SEARCH_PORT),
                new ChildServer.Port(transportPort, ChiefKeys.LOCAL_SEARCH_TRANSPORT_PORT)), log, START_TIMEOUT, STOP_GRACE);
        try {
            server.start();
            awaitYellow();
        } catch (IOException | RuntimeException e) {
            close();
            throw new LocalStackException("Cannot start the local OpenSearch on 127.0.0.1:" + httpPort + ": "
                    + e.getMessage(), e);
        }
        LOG.info("OpenSearch (pid {}, heap {}) on http://127.0.0.1:{}, data in {}", pid(), HEAP, httpPort, home);
    }

    /** The HTTP port opens before the node has recovered its cluster state; Chief's first calls need it. */
    private void awaitYellow() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/_cluster/health?wait_for_status=yellow&timeout=5s")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the search server", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("not yellow within " + START_TIMEOUT.toSeconds() + " s; its log: " + server.tail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the search server", e);
            }
        }
    }

    /** The search server's JVM (not the watchdog script in front of it), or -1. */
    public long pid() {
        return server == null ? -1 : ChildJvm.pid(server.pid(), OpenSearchMain.class);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
