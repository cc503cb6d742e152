package com.chief.config;

import com.chief.aws.RotatingSecrets;
import com.chief.sink.search.SearchAuthorization;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.PasswordAuthentication;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.component.mail.MailComponent;

/**
 * Passwords from AWS Secrets Manager ({@code chief.secrets.source=secretsmanager}) handed to what logs in
 * with them, and handed again when a re-read finds them rotated: the pool's next connections, every
 * request's search login, every SMTP connection. Connections already open stay as they are (the
 * database and the engines keep a session once it is authenticated).
 */
final class SecretsBeans {

    private SecretsBeans() {
    }

    /** The secrets, read once now and then on the schedule; null when the passwords come from the environment. */
    static RotatingSecrets start(ChiefSettings settings, SecretsSettings secrets) {
        if (!secrets.fromSecretsManager()) {
            return null;
        }
        if (secrets.dbPasswordArn().isPresent()) {
            if (settings.database().auth() == ChiefSettings.DatabaseAuth.IAM) {
                throw new IllegalStateException("chief.db.auth=iam takes no password: unset chief.secrets.db-password-arn");
            }
            if (!settings.database().password().isEmpty()) {
                throw new IllegalStateException("The database password comes from chief.secrets.db-password-arn: unset CHIEF_DB_PASSWORD");
            }
        }
        if (secrets.searchPasswordArn().isPresent()) {
            if (settings.search().requestAuth().perRequest()) {
                throw new IllegalStateException("chief.search.auth=sigv4 takes no password: unset chief.secrets.search-password-arn");
            }
            if (settings.search().user().isEmpty() || !settings.search().password().isEmpty()) {
                throw new IllegalStateException("chief.secrets.search-password-arn needs chief.search.user, and no CHIEF_SEARCH_PASSWORD");
            }
        }
        RotatingSecrets rotating = new RotatingSecrets(AwsClients.secretsManager(settings, secrets.endpoint()), secrets.refresh());
        secrets.dbPasswordArn().ifPresent(rotating::current);
        secrets.searchPasswordArn().ifPresent(rotating::current);
        secrets.smtpPasswordArn().ifPresent(rotating::current);
        rotating.start();
        return rotating;
    }

    /**
     * The database settings with the login in hand: the secret's password, and its user when it names one (RDS's
     * alternating-users rotation switches between two users; the secret, not chief.db.user, says which is current).
     */
    static ChiefSettings.Database database(ChiefSettings.Database database, SecretsSettings secrets, RotatingSecrets rotating) {
        if (rotating == null || secrets.dbPasswordArn().isEmpty()) {
            return database;
        }
        RotatingSecrets.Secret secret = rotating.secret(secrets.dbPasswordArn().get());
        return database.withLogin(secret.username().orElse(database.user()), secret.password());
    }

    /** The pool's next connections log in with the rotated secret (its user too, when it names one). */
    static void followRotation(HikariDataSource pool, SecretsSettings secrets, RotatingSecrets rotating) {
        if (rotating != null) {
            secrets.dbPasswordArn().ifPresent(arn -> rotating.onChange(arn, secret -> {
                secret.username().ifPresent(pool.getHikariConfigMXBean()::setUsername);
                pool.getHikariConfigMXBean().setPassword(secret.password());
            }));
        }
    }

    /** The settings with a search login whose password is the secret's value at each request. */
    static ChiefSettings search(ChiefSettings settings, SecretsSettings secrets, RotatingSecrets rotating) {
        if (rotating == null || secrets.searchPasswordArn().isEmpty()) {
            return settings;
        }
        String arn = secrets.searchPasswordArn().get();
        ChiefSettings.Search search = settings.search();
        return settings.withSearch(search.withRequestAuth(SearchAuthorization.rotatingBasic(search.user(), () -> rotating.current(arn))));
    }

    /** camel-mail's smtp component logs in with the secret's value at each connection (user from camel.component.smtp.username). */
    static void smtp(CamelContext context, SecretsSettings secrets, RotatingSecrets rotating) {
        if (rotating == null || secrets.smtpPasswordArn().isEmpty()) {
            return;
        }
        String arn = secrets.smtpPasswordArn().get();
        String user = context.getPropertiesComponent().resolveProperty("camel.component.smtp.username").orElse("");
        if (user.isBlank()) {
            throw new IllegalStateException("chief.secrets.smtp-password-arn needs camel.component.smtp.username");
        }
        if (!context.getPropertiesComponent().resolveProperty("camel.component.smtp.password").orElse("").isBlank()) {
            throw new IllegalStateException("The SMTP password comes from chief.secrets.smtp-password-arn: unset CAMEL_COMPONENT_SMTP_PASSWORD");
        }
        for (String scheme : new String[] {"smtp", "smtps"}) {
            context.getComponent(scheme, MailComponent.class).getConfiguration().setAuthenticator(authenticator(user, () -> rotating.current(arn)));
        }
    }

    static MailAuthenticator authenticator(String user, java.util.function.Supplier<String> password) {
        return new MailAuthenticator() {
            @Override
            public PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password.get());
            }
        };
    }
}
