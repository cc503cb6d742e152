package com.chief.local;

import java.io.IOException;
import java.io.InputStream;
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
    /** Stopping writes one last snapshot of the whole store; under load that takes seconds. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(20);
    private static final String SNAPSHOT = "kinesis-data.json";

    private final String nodeCommand;
    private final Path home;
    private final int plainPort;
    private final int tlsPort;
    private NodeServer server;

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
            stopLeftover(home.resolve("emulator.pid")); // first: it may be writing its last snapshot
            removePartialSnapshots(store);
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare the Kinesis emulator in " + home + ": " + e.getMessage(), e);
        }

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
        // the emulator rewrites its whole store as one JSON file at each interval: "off" stops that
        String persist = System.getenv().getOrDefault("CHIEF_LOCAL_KINESIS_PERSIST_INTERVAL", "1s");
        boolean persistent = !persist.equals("off");
        env.put("SHOULD_PERSIST_DATA", String.valueOf(persistent));
        env.put("PERSIST_PATH", store.toString());
        env.put("PERSIST_FILE_NAME", SNAPSHOT);
        env.put("PERSIST_INTERVAL", persistent ? persist : "1s");
        if (persistent) {
            env.put("CHIEF_ATOMIC_FILE", store.resolve(SNAPSHOT).toString()); // written whole or not at all
        }
        env.put("LOG_LEVEL", "WARN");
        env.put("CHIEF_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        server = new NodeServer("Kinesis emulator", builder, List.of(
                new NodeServer.Port(plainPort, "chief.local.kinesis-port"),
                new NodeServer.Port(tlsPort, "chief.local.kinesis-tls-port")), log, START_TIMEOUT, STOP_GRACE)
                .withPidFile(home.resolve("emulator.pid"));
        try {
            server.start();
        } catch (IOException e) {
            throw new LocalStackException("The local profile runs the Kinesis emulator with Node.js 18+, but '"
                    + nodeCommand + "' could not be started (" + e.getMessage() + "). Install Node.js, set "
                    + "CHIEF_LOCAL_NODE_COMMAND to its path, or use another Kinesis: "
                    + "CHIEF_KINESIS_ENDPOINT=http://localhost:4566 for LocalStack, or CHIEF_PROFILE=aws for AWS.", e);
        }
        LOG.info("Kinesis emulator (pid {}) on http://127.0.0.1:{} and https://127.0.0.1:{}, data in {}",
                server.pid(), plainPort, tlsPort, store);
    }

    /** What a process killed while writing its snapshot left behind (the snapshot itself is intact). */
    private static void removePartialSnapshots(Path store) throws IOException {
        try (var partial = Files.newDirectoryStream(store, SNAPSHOT + ".partial-*")) {
            for (Path file : partial) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * An emulator left by a Chief that was killed stops by itself within a second or two (it watches
     * its parent) after writing its last snapshot; if it is still there, wait for that, then stop it,
     * instead of failing on its port or starting from an older snapshot.
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
                            old.onExit().get(LEFTOVER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
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

    public long pid() {
        return server == null ? -1 : server.pid();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
