package com.chief.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB at 127.0.0.1:3306 (root, no password) that stands in for Aurora MySQL. Each test
 * class gets a database of its own and drops it. On a laptop without MariaDB these tests are
 * skipped; in CI ({@code CI=true}) a missing server fails the run.
 */
public final class MariaDb {

    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String OPTIONS = "?user=root&useBulkStmts=false&useBulkStmtsForInserts=false";

    private MariaDb() {
    }

    public static String createDatabase() {
        String name = "chief_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(SERVER + "test" + OPTIONS);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("MariaDB is required in CI (CI=true) but 127.0.0.1:3306 failed: " + e.getMessage(), e);
            }
            Assumptions.abort("MariaDB not reachable at 127.0.0.1:3306 (" + e.getMessage() + ")");
        }
        return name;
    }

    public static String url(String database) {
        return SERVER + database + OPTIONS;
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
        try (Connection connection = DriverManager.getConnection(SERVER + "test" + OPTIONS);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}
