package com.chief.support;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A migrated database for a test: embedded H2 or a fresh MariaDB database (dropped on close). */
public final class Databases implements AutoCloseable {

    public final HikariDataSource dataSource;
    private final String mariaDb;

    private Databases(HikariDataSource dataSource, String mariaDb) {
        this.dataSource = dataSource;
        this.mariaDb = mariaDb;
        DatabaseMigrations.migrate(dataSource);
    }

    /** The embedded H2 (MySQL mode) in {@code dir}, migrated. */
    public static Databases h2(Path dir) {
        return open("h2", dir);
    }

    public static Databases open(String kind, Path dir) {
        if (kind.equals("h2")) {
            return new Databases(DataSources.create(new ChiefSettings.Database(
                    "jdbc:h2:file:" + dir.resolve("db/chief") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "", "", true)), null);
        }
        String database = MariaDb.createDatabase();
        return new Databases(DataSources.create(new ChiefSettings.Database(MariaDb.url(database), "", "", false)), database);
    }

    /** Each row of the query as its columns' text joined by a space. */
    public static List<String> rows(DataSource dataSource, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c > 1 ? " " : "").append(result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Override
    public void close() throws java.sql.SQLException {
        dataSource.close();
        MariaDb.dropDatabase(mariaDb);
    }
}
