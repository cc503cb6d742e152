package com.chief.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Field;
import org.slf4j.LoggerFactory;

/** Builds the pooled DataSource for the embedded H2 or a MariaDB/MySQL/Aurora URL. */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(ChiefSettings.Database database) {
        if (database.embedded()) {
            closeH2WithThePool();
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("chief");
        config.setJdbcUrl(database.url());
        if (!database.user().isEmpty()) {
            config.setUsername(database.user());
        }
        if (!database.password().isEmpty()) {
            config.setPassword(database.password());
        }
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(3_000);
        // start even when the database is down: health reports it, the app keeps running
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * H2 closes an embedded database from a JVM shutdown hook of its own, which runs at the same time
     * as Camel's stop on SIGTERM: readers, Quartz and the intake locks then fail on a closed database
     * while they stop. H2 refuses {@code DB_CLOSE_ON_EXIT=FALSE} next to {@code AUTO_SERVER}, so its
     * hook is kept from being registered (its "registered" flag set before the first database opens);
     * the database closes when Chief's pool closes, at the end of Camel's stop. A kill needs no hook:
     * H2's store is crash-safe.
     */
    private static void closeH2WithThePool() {
        try {
            Field registered = Class.forName("org.h2.engine.OnExitDatabaseCloser").getDeclaredField("registered");
            registered.setAccessible(true);
            registered.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(DataSources.class).warn("H2 will close its database at JVM exit itself: {}", e.toString());
        }
    }

    /** The URL without credentials, for logs. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***");
    }
}
