package com.chief.local;

import com.chief.settings.ChiefKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Kinesis: npm {@code kinesalite} (MIT) run as a child {@code node} process on 127.0.0.1,
 * bundled in the jar at build time. Streams live in LevelDB under {@code <data>/kinesis/store}: every
 * acknowledged put is written before the answer, so a restart, or a SIGKILL of either process, keeps
 * what the checkpoints point into. The same process answers the KPL's TLS port and its STS
 * {@code GetCallerIdentity} call.
 */
public final class KinesisEmulator implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEmulator.class);
    private static final String BUNDLE = "chief/kinesalite";
    private static final String SCRIPT = "kinesis-server.js";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);

    private final String nodeCommand;
    private final Path home;
    private final int plainPort;
    private final int tlsPort;
    private final int stsPort;
    private ChildServer server;

    public KinesisEmulator(String nodeCommand, Path dataDir, int plainPort, int tlsPort, int stsPort) {
        this.nodeCommand = nodeCommand;
        this.home = dataDir.resolve("kinesis");
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
        this.stsPort = stsPort;
    }

    @Override
    public void start() {
        Path bin = home.resolve("kinesalite");
        Path store = home.resolve("store");
        Path log = home.resolve("emulator.log");
        try {
            Files.createDirectories(store);
            NodeBundle.unpack(BUNDLE, SCRIPT, bin);
            stopLeftover(home.resolve("emulator.pid")); // it holds the store's lock
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare the Kinesis emulator in " + home + ": " + e.getMessage(), e);
        }
        if (Files.exists(store.resolve("kinesis-data.json"))) {
            LOG.warn("{} holds streams of the emulator Chief used before (kinesis-mock), which this one cannot read: "
                    + "remove the data directory to start afresh", store);
        }

        ProcessBuilder builder = new ProcessBuilder(nodeCommand,
                "-r", bin.resolve(NodeBundle.PRELOAD).toString(),
                bin.resolve(SCRIPT).toString())
                .directory(bin.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("CHIEF_KINESIS_PORT", String.valueOf(plainPort));
        env.put("CHIEF_KINESIS_TLS_PORT", String.valueOf(tlsPort));
        env.put("CHIEF_STS_PORT", String.valueOf(stsPort));
        env.put("CHIEF_KINESIS_STORE", store.toString());
        env.put("CHIEF_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        server = new ChildServer("Kinesis emulator", builder, List.of(
                new ChildServer.Port(plainPort, ChiefKeys.LOCAL_KINESIS_PORT),
                new ChildServer.Port(tlsPort, ChiefKeys.LOCAL_KINESIS_TLS_PORT),
                new ChildServer.Port(stsPort, ChiefKeys.LOCAL_STS_PORT)), log, START_TIMEOUT, STOP_GRACE)
                .withPidFile(home.resolve("emulator.pid"));
        try {
            server.start();
        } catch (IOException e) {
            throw new LocalStackException("The local profile runs the Kinesis emulator with Node.js 18+, but '"
                    + nodeCommand + "' could not be started (" + e.getMessage() + "). Install Node.js, set "
                    + "CHIEF_LOCAL_NODE_COMMAND to its path, or use another Kinesis: "
                    + "CHIEF_KINESIS_ENDPOINT=http://localhost:4566 for LocalStack, or CHIEF_PROFILE=aws for AWS.", e);
        }
        LOG.info("Kinesis emulator (kinesalite, pid {}) on http://127.0.0.1:{} and https://127.0.0.1:{}, STS on https://127.0.0.1:{}, data in {}",
                server.pid(), plainPort, tlsPort, stsPort, store);
    }

    /**
     * An emulator left by a Chief that was killed stops by itself within a second (it watches its
     * parent); if it is still there, stop it rather than fail on its port or its store's lock.
     */
    private static void stopLeftover(Path pidFile) {
        ChildServer.stopLeftover(pidFile, SCRIPT, "Kinesis emulator", LEFTOVER_GRACE);
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
