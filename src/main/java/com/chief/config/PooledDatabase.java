package com.chief.config;

import com.chief.aws.RotatingSecrets;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Chief's connection pool as startup opens it: the database settings, with the password from Secrets
 * Manager when {@code chief.secrets.db-password-arn} names one, and the pool's next logins following that
 * secret when it is rotated.
 */
final class PooledDatabase {

    private PooledDatabase() {
    }

    /** The pool; {@code secrets} is null when the passwords come from the environment. */
    static HikariDataSource open(ChiefSettings.Database database, SecretsSettings secretsSettings, RotatingSecrets secrets) {
        HikariDataSource dataSource = DataSources.create(SecretsBeans.database(database, secretsSettings, secrets));
        SecretsBeans.followRotation(dataSource, secretsSettings, secrets);
        return dataSource;
    }
}
