package com.chief.config;

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
        String source = get(properties, "chief.secrets.source");
        if (source.equals("environment")) {
            return environment();
        }
        if (!source.equals("secretsmanager")) {
            throw new IllegalStateException("chief.secrets.source must be environment or secretsmanager, got '" + source + "'");
        }
        Optional<String> db = arn(properties, "chief.secrets.db-password-arn");
        Optional<String> search = arn(properties, "chief.secrets.search-password-arn");
        Optional<String> smtp = arn(properties, "chief.secrets.smtp-password-arn");
        if (db.isEmpty() && search.isEmpty() && smtp.isEmpty()) {
            throw new IllegalStateException("chief.secrets.source=secretsmanager needs at least one of chief.secrets.db-password-arn,"
                    + " chief.secrets.search-password-arn, chief.secrets.smtp-password-arn");
        }
        long seconds;
        try {
            seconds = Long.parseLong(get(properties, "chief.secrets.refresh-seconds"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("chief.secrets.refresh-seconds must be a whole number");
        }
        if (seconds < 1) {
            throw new IllegalStateException("chief.secrets.refresh-seconds must be 1 or more");
        }
        String endpoint = get(properties, "chief.secrets.endpoint");
        return new SecretsSettings(true, db, search, smtp, Duration.ofSeconds(seconds),
                endpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpoint)));
    }

    private static Optional<String> arn(PropertiesComponent properties, String key) {
        String value = get(properties, key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.startsWith("arn:")) {
            throw new IllegalStateException(key + " must be a secret's ARN (arn:aws:secretsmanager:...), got '" + value + "'");
        }
        return Optional.of(value);
    }

    private static String get(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim)
                .orElseThrow(() -> new IllegalStateException("Missing configuration key " + key));
    }
}
