package com.chief.support;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A migrated database for a test: a fresh database on the test MariaDB ({@link MariaDb}), dropped on close. */
public final class Databases implements AutoCloseable {

    public final HikariDataSource dataSource;
    public final String name;

    private Databases(String name) {
        this.name = name;
        this.dataSource = DataSources.create(new ChiefSettings.Database(MariaDb.url(name), "", "", false));
        DatabaseMigrations.migrate(dataSource);
    }

    public static Databases create() {
        return new Databases(MariaDb.createDatabase());
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
    public void close() throws SQLException {
        dataSource.close();
        MariaDb.dropDatabase(name);
    }
}
