package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chief.aws.RotatingSecrets;
import com.chief.support.MariaDb;
import com.chief.support.SecretsManagerStandIn;
import com.chief.support.TestSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Startup's database login with {@code chief.secrets.source=secretsmanager}: the settings read from the
 * property files as Chief reads them, the secrets started as ChiefConfiguration starts them, and the pool
 * opened by {@link PooledDatabase} as startup opens it, against the test MariaDB and a user this test
 * creates with a password only the secret holds (made up at run time). After the secret and the user's
 * password are rotated, the scheduled re-read hands the new password to the pool and its new
 * connections log in with it.
 */
class SecretsManagerDatabaseLoginIT {

    private static final String DB_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:chief/db-login-AbCdEf";

    @TempDir
    Path dir;

    private final String user = "chief_secret_" + UUID.randomUUID().toString().substring(0, 8);
    private final String first = UUID.randomUUID().toString();
    private final String rotated = UUID.randomUUID().toString();
    private SecretsManagerStandIn standIn;
    private RotatingSecrets secrets;
    private String database;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDCHIEFSECRETS");
        System.setProperty("aws.secretAccessKey", "chief-secrets-test-not-a-real-one");
        database = MariaDb.createDatabase();
        asRoot("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + first + "'");
        asRoot("GRANT ALL ON " + database + ".* TO '" + user + "'@'%'");
        standIn = new SecretsManagerStandIn();
        standIn.put(DB_ARN, "{\"username\":\"" + user + "\",\"password\":\"" + first + "\",\"engine\":\"mysql\"}");
    }

    @AfterEach
    void stop() throws SQLException {
        if (secrets != null) {
            secrets.close();
        }
        standIn.close();
        asRoot("DROP USER IF EXISTS '" + user + "'@'%'");
        MariaDb.dropDatabase(database);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void thePoolLogsInWithTheSecretAndAfterARotationWithTheNewOne() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        ChiefSettings settings;
        SecretsSettings secretsSettings;
        try {
            context.getPropertiesComponent().setLocation("classpath:application-local.properties,classpath:application.properties");
            Map<String, String> overrides = new HashMap<>(TestSettings.freeLocalPorts());
            overrides.putAll(Map.of("chief.profile", "local", "chief.data-dir", dir.toString(),
                    "chief.db.url", MariaDb.server() + database, "chief.db.user", user,
                    "chief.secrets.source", "secretsmanager", "chief.secrets.db-password-arn", DB_ARN,
                    "chief.secrets.endpoint", standIn.url().toString(), "chief.secrets.refresh-seconds", "1"));
            Properties override = new Properties();
            override.putAll(overrides);
            context.getPropertiesComponent().setOverrideProperties(override);
            settings = ChiefSettings.from(context.getPropertiesComponent());
            secretsSettings = SecretsSettings.from(context.getPropertiesComponent());
        } finally {
            context.stop();
        }
        assertThat(settings.database().password()).as("no password in the settings").isEmpty();
        secrets = SecretsBeans.start(settings, secretsSettings);

        try (HikariDataSource pool = PooledDatabase.open(settings.database(), secretsSettings, secrets)) {
            assertThat(loggedInAs(pool)).startsWith(user + "@");

            asRoot("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + rotated + "'"); // the rotation changes the user's password
            assertThatThrownBy(() -> DriverManager.getConnection(MariaDb.server() + database, user, first).close())
                    .as("the old password no longer logs in").isInstanceOf(SQLException.class);
            standIn.put(DB_ARN, "{\"username\":\"" + user + "\",\"password\":\"" + rotated + "\",\"engine\":\"mysql\"}");

            await("a new connection after the scheduled re-read").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> {
                        pool.getHikariPoolMXBean().softEvictConnections(); // no connection logged in before the rotation
                        assertThat(loggedInAs(pool)).startsWith(user + "@");
                    });
        }
    }

    private static String loggedInAs(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void asRoot(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(MariaDb.server() + "?user=root");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
