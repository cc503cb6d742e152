package com.chief.bootstrap;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Versioned schema migrations ({@code db/migration/V*.sql}), written to run on MariaDB and Aurora MySQL. */
public final class DatabaseMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrations.class);

    private DatabaseMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("chief_schema_history")
                .load()
                .migrate();
        LOG.info("Database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
