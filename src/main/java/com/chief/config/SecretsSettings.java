package com.chief.config;

import static com.chief.settings.ChiefKeys.SECRETS_DB_PASSWORD_ARN;
import static com.chief.settings.ChiefKeys.SECRETS_ENDPOINT;
import static com.chief.settings.ChiefKeys.SECRETS_REFRESH_SECONDS;
import static com.chief.settings.ChiefKeys.SECRETS_SEARCH_PASSWORD_ARN;
import static com.chief.settings.ChiefKeys.SECRETS_SMTP_PASSWORD_ARN;
import static com.chief.settings.ChiefKeys.SECRETS_SOURCE;

import com.chief.settings.SettingKey;
import com.chief.settings.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Where the database, search and SMTP passwords come from: {@code environment} (CHIEF_DB_PASSWORD,
 * CHIEF_SEARCH_PASSWORD, CAMEL_COMPONENT_SMTP_PASSWORD) or {@code secretsmanager}, by each secret's ARN
 * (empty: that password is not taken from Secrets Manager), read again every {@code refresh}.
 * {@code endpoint}: a Secrets Manager endpoint other than the region's (a VPC endpoint, a stand-in).
 */
public record SecretsSettings(boolean fromSecretsManager, Optional<String> dbPasswordArn, Optional<String> searchPasswordArn,
        Optional<String> smtpPasswordArn, Duration refresh, Optional<URI> endpoint) {

    public static SecretsSettings environment() {
        return new SecretsSettings(false, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(5),
                Optional.empty());
    }

    public static SecretsSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        if (settings.get(SECRETS_SOURCE).equals("environment")) {
            return environment();
        }
        Optional<String> db = arn(settings, SECRETS_DB_PASSWORD_ARN);
        Optional<String> search = arn(settings, SECRETS_SEARCH_PASSWORD_ARN);
        Optional<String> smtp = arn(settings, SECRETS_SMTP_PASSWORD_ARN);
        if (db.isEmpty() && search.isEmpty() && smtp.isEmpty()) {
            throw new IllegalStateException("chief.secrets.source=secretsmanager needs at least one of chief.secrets.db-password-arn,"
                    + " chief.secrets.search-password-arn, chief.secrets.smtp-password-arn");
        }
        return new SecretsSettings(true, db, search, smtp, Duration.ofSeconds(settings.get(SECRETS_REFRESH_SECONDS)),
                settings.get(SECRETS_ENDPOINT));
    }

    private static Optional<String> arn(Settings settings, SettingKey<String> key) {
        return Optional.of(settings.get(key)).filter(arn -> !arn.isEmpty());
    }
}
