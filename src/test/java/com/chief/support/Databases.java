package com.chief.support;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

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

    @Override
    public void close() throws java.sql.SQLException {
        dataSource.close();
        MariaDb.dropDatabase(mariaDb);
    }
}
