package com.chief.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The npm {@code kinesis-local} emulator (kinesis-mock) run as a child {@code node} process. The
 * emulator is bundled in the jar at build time and unpacked into the data directory, so Chief runs
 * offline. Data persists under {@code <data>/kinesis/store}.
 */
public final class KinesisEmulator implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEmulator.class);
    private static final String BUNDLE = "chief/kinesis-local/";
    private static final List<String> FILES = List.of("main.js", "server.json", "loopback-only.js");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final String nodeCommand;
    private final Path home;
    private final int plainPort;
    private final int tlsPort;
    private Process process;

    public KinesisEmulator(String nodeCommand, Path dataDir, int plainPort, int tlsPort) {
        this.nodeCommand = nodeCommand;
        this.home = dataDir.resolve("kinesis");
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
    }

    public void start() {
        Path bin = home.resolve("emulator");
        Path store = home.resolve("store");
        Path log = home.resolve("emulator.log");
        try {
            Files.createDirectories(store);
            unpack(bin);
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare the Kinesis emulator in " + home + ": " + e.getMessage(), e);
        }
        stopLeftover(home.resolve("emulator.pid"));
        PortCheck.requireFree(plainPort, "Kinesis emulator (chief.local.kinesis-port)");
        PortCheck.requireFree(tlsPort, "Kinesis emulator TLS (chief.local.kinesis-tls-port)");

        ProcessBuilder builder = new ProcessBuilder(nodeCommand,
                "-r", bin.resolve("loopback-only.js").toString(),
                bin.resolve("main.js").toString())
                .directory(bin.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KINESIS_MOCK_PLAIN_PORT", String.valueOf(plainPort));
        env.put("KINESIS_MOCK_TLS_PORT", String.valueOf(tlsPort));
        env.put("KINESIS_MOCK_CERT_PATH", bin.resolve("server.json").toString());
        env.put("SHARD_LIMIT", "1000"); // the default 50 counts shards over all streams
        env.put("CREATE_STREAM_DURATION", "0ms");
        env.put("DELETE_STREAM_DURATION", "0ms");
        env.put("SHOULD_PERSIST_DATA", "true");
        env.put("PERSIST_PATH", store.toString());
        env.put("PERSIST_INTERVAL", "1s");
        env.put("LOG_LEVEL", "WARN");
        env.put("CHIEF_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalStackException("The local profile runs the Kinesis emulator with Node.js 18+, but '"
                    + nodeCommand + "' could not be started (" + e.getMessage() + "). Install Node.js, set "
                    + "CHIEF_LOCAL_NODE_COMMAND to its path, or use another Kinesis: "
                    + "CHIEF_KINESIS_ENDPOINT=http://localhost:4566 for LocalStack, or CHIEF_PROFILE=aws for AWS.", e);
        }
        awaitPort(log);
        try {
            Files.writeString(home.resolve("emulator.pid"), String.valueOf(process.pid()));
        } catch (IOException e) {
            LOG.debug("Cannot write the emulator's pid file: {}", e.getMessage());
        }
        LOG.info("Kinesis emulator (pid {}) on http://127.0.0.1:{} and https://127.0.0.1:{}, data in {}",
                process.pid(), plainPort, tlsPort, store);
    }

    /**
     * An emulator left by a Chief that was killed exits by itself within a second or two (it watches
     * its parent); if it is still there, stop it now instead of failing on its port.
     */
    private static void stopLeftover(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                    .filter(old -> old.info().commandLine().map(line -> line.contains("emulator/main.js")).orElse(false))
                    .ifPresent(old -> {
                        LOG.info("Stopping the Kinesis emulator (pid {}) left by an earlier run", pid);
                        old.destroy();
                        try {
                            old.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (Exception stillThere) {
                            old.destroyForcibly();
                        }
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Ignoring the emulator's pid file: {}", e.getMessage());
        }
    }

    private void unpack(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String file : FILES) {
            try (InputStream in = KinesisEmulator.class.getClassLoader().getResourceAsStream(BUNDLE + file)) {
                if (in == null) {
                    throw new LocalStackException("The jar has no bundled Kinesis emulator (" + BUNDLE + file
                            + "): rebuild with 'mvn package', which fetches it from npm");
                }
                Files.copy(in, bin.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void awaitPort(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalStackException("The Kinesis emulator exited with code " + process.exitValue()
                        + " during start; its log: " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", plainPort), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new LocalStackException("The Kinesis emulator did not open port " + plainPort + " within "
                + START_TIMEOUT.toSeconds() + " s; its log: " + tail(log));
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the emulator: SIGTERM, then a kill if it has not gone within a few seconds (it can ignore TERM under load). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kinesis emulator ignored SIGTERM for {} s, killing pid {}", STOP_GRACE.toSeconds(), process.pid());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while starting the Kinesis emulator", e);
        }
    }
}
