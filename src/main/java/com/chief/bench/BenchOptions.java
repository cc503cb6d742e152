package com.chief.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** What the database benchmarks take: {@code --orders N} and {@code --db-server URL} (a MariaDB/MySQL server). */
record BenchOptions(int orders, String server) {

    private static final String DEFAULT_SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    /** The options, or empty after printing the usage of {@code command}. */
    static Optional<BenchOptions> parse(String command, List<String> args, int defaultOrders) {
        int orders = defaultOrders;
        String server = DEFAULT_SERVER;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--orders" -> orders = Integer.parseInt(args.get(i + 1));
                case "--db-server" -> server = args.get(i + 1);
                default -> {
                    System.err.println("usage: java -jar chief.jar " + command
                            + " [--orders N] [--db-server jdbc:mariadb://host:3306/]");
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new BenchOptions(orders, server));
    }

    /** Drops and creates the database {@code name} on the server; its JDBC URL, with real batch update counts. */
    String freshDatabase(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server + "test?user=root"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
        return server + name + "?user=root&useBulkStmts=false";
    }
}
