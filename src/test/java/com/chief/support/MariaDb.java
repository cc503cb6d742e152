package com.chief.support;

import com.chief.local.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The MariaDB server the tests use, standing in for Aurora MySQL: Chief's own embedded server, started
 * once per test JVM on a free loopback port (data in {@code target/test-mariadb-<fork>}, stopped with the JVM),
 * or the server named by {@code -Dchief.test.db-server} / {@code CHIEF_TEST_DB_SERVER}
 * (e.g. {@code jdbc:mariadb://127.0.0.1:3306/}, user root without a password). Each test class gets a
 * database of its own and drops it.
 */
public final class MariaDb {

    private static final String OPTIONS = "?user=root&useBulkStmts=false&useBulkStmtsForInserts=false";
    private static String server;

    private MariaDb() {
    }

    /** The server's JDBC URL without a database, ending in a slash. */
    public static synchronized String server() {
        if (server == null) {
            String given = System.getProperty("chief.test.db-server", System.getenv().getOrDefault("CHIEF_TEST_DB_SERVER", ""));
            server = given.isBlank() ? startEmbedded() : given.endsWith("/") ? given : given + "/";
        }
        return server;
    }

    /** The server's TCP port on 127.0.0.1 (e.g. for a proxy in front of it). */
    public static int port() {
        String url = server();
        String hostPort = url.substring(url.indexOf("//") + 2, url.indexOf('/', url.indexOf("//") + 2));
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static String startEmbedded() {
        int port = FreePorts.next();
        EmbeddedMariaDb embedded = new EmbeddedMariaDb(Path.of("target", "test-mariadb-" + TestForks.number()).toAbsolutePath(), port);
        embedded.start();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "stop-test-mariadb"));
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    public static String createDatabase() {
        String name = "chief_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(server() + OPTIONS);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("The test MariaDB at " + server() + " failed: " + e.getMessage(), e);
        }
        return name;
    }

    public static String url(String database) {
        return server() + database + OPTIONS;
    }

    /** The number {@code sql} answers in {@code database} (its first row's first column, e.g. a COUNT). */
    public static long number(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database));
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static void dropDatabase(String name) throws SQLException {
        if (name == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(server() + OPTIONS);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}
