package com.chief.kinesis;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.support.MariaDb;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** A migrated database for a test: embedded H2 or a fresh MariaDB database (dropped on close). */
final class Databases implements AutoCloseable {

    final HikariDataSource dataSource;
    private final String mariaDb;

    private Databases(HikariDataSource dataSource, String mariaDb) {
        this.dataSource = dataSource;
        this.mariaDb = mariaDb;
        DatabaseMigrations.migrate(dataSource);
    }

    static Databases open(String kind, Path dir) {
        if (kind.equals("h2")) {
            return new Databases(DataSources.create(new ChiefSettings.Database(
                    "jdbc:h2:file:" + dir.resolve("db/chief") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "", "", true)), null);
        }
        String database = MariaDb.createDatabase();
        return new Databases(DataSources.create(new ChiefSettings.Database(MariaDb.url(database), "", "", false)), database);
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        MariaDb.dropDatabase(mariaDb);
    }
}
