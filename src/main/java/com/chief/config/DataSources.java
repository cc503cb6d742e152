package com.chief.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Builds the pooled DataSource for the embedded MariaDB or a MariaDB/MySQL/Aurora URL; a
 * {@code jdbc:aws-wrapper:} URL goes through the AWS Advanced JDBC Wrapper (failover, IAM tokens).
 */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(ChiefSettings.Database database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("chief");
        config.setJdbcUrl(database.url());
        if (!database.user().isEmpty()) {
            config.setUsername(database.user());
        }
        if (!database.password().isEmpty()) {
            config.setPassword(database.password());
        }
        if (database.wrapped()) {
            AuroraWrapperProperties.of(database).forEach((key, value) -> config.addDataSourceProperty((String) key, value));
            config.setExceptionOverrideClassName(AuroraWrapperProperties.HIKARI_EXCEPTION_OVERRIDE);
        }
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(3_000);
        // start even when the database is down: health reports it, the app keeps running
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** The URL without credentials, for logs. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***");
    }
}
