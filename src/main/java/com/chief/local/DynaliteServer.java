package com.chief.local;

import com.chief.settings.ChiefKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded DynamoDB for the KCL engine's lease tables: npm {@code dynalite} (Apache-2.0, on
 * LevelDB) run as a child {@code node} process on 127.0.0.1, bundled in the jar at build time and
 * unpacked into the data directory. DynamoDB Local is not used: its licence does not allow it here.
 * Tables persist under {@code <data>/dynamodb/store}, so leases and checkpoints survive a restart.
 * Like the Kinesis emulator it exits by itself when the Chief JVM is gone.
 */
public final class DynaliteServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(DynaliteServer.class);
    private static final String BUNDLE = "chief/dynalite";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final String nodeCommand;
    private final Path home;
    private final int port;
    private ChildServer server;

    public DynaliteServer(String nodeCommand, Path dataDir, int port) {
        this.nodeCommand = nodeCommand;
        this.home = dataDir.resolve("dynamodb");
        this.port = port;
    }

    @Override
    public void start() {
        Path bin = home.resolve("dynalite");
        Path store = home.resolve("store");
        Path log = home.resolve("dynalite.log");
        try {
            Files.createDirectories(store);
            NodeBundle.unpack(BUNDLE, "node_modules/dynalite/cli.js", bin);
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare dynalite in " + home + ": " + e.getMessage(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(nodeCommand,
                "-r", bin.resolve(NodeBundle.PRELOAD).toString(),
                bin.resolve("node_modules/dynalite/cli.js").toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--path", store.toString(),
                // tables are ACTIVE at once: KCL waits for its three tables and the lease-owner index
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .directory(bin.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CHIEF_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        server = new ChildServer("embedded DynamoDB (dynalite)", builder,
                List.of(new ChildServer.Port(port, ChiefKeys.LOCAL_DYNAMODB_PORT)), log, START_TIMEOUT, STOP_GRACE);
        try {
            server.start();
        } catch (IOException e) {
            throw new LocalStackException("The kcl engine runs an embedded DynamoDB (dynalite) with Node.js 20+, but '"
                    + nodeCommand + "' could not be started (" + e.getMessage() + "). Install Node.js, set "
                    + "CHIEF_LOCAL_NODE_COMMAND, or set CHIEF_DYNAMODB_ENDPOINT.", e);
        }
        LOG.info("Embedded DynamoDB (dynalite, pid {}) on http://127.0.0.1:{}, data in {}", server.pid(), port, store);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
