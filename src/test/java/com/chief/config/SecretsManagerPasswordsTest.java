package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chief.aws.RotatingSecrets;
import com.chief.support.FreePorts;
import com.chief.support.RecordingJdbcDriver;
import com.chief.support.SecretsManagerStandIn;
import com.chief.support.TestSettings;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.AuthenticationFailedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chief.secrets.source=secretsmanager against a local stand-in reached through the SDK's endpoint
 * override: the database, search and SMTP logins use the secrets' values, and after a rotation the next
 * re-read hands the new value on: the pool's new connections log in with it, so do search and SMTP.
 */
class SecretsManagerPasswordsTest {

    private static final String DB_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:chief/db-AbCdEf";
    private static final String SEARCH_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:chief/search-AbCdEf";
    private static final String SMTP_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:chief/smtp-AbCdEf";

    @TempDir
    Path dir;

    private SecretsManagerStandIn standIn;
    private RotatingSecrets secrets;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDCHIEFSECRETS");
        System.setProperty("aws.secretAccessKey", "chief-secrets-test-not-a-real-one");
        standIn = new SecretsManagerStandIn();
        standIn.put(DB_ARN, "{\"username\":\"chief_app\",\"password\":\"db-first\",\"engine\":\"mysql\"}");
        standIn.put(SEARCH_ARN, "search-first");
        standIn.put(SMTP_ARN, "smtp-first");
    }

    @AfterEach
    void stop() {
        if (secrets != null) {
            secrets.close();
        }
        standIn.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aRotatedDatabasePasswordIsUsedByTheNextConnectionsWithoutARestart() throws Exception {
        RecordingJdbcDriver driver = RecordingJdbcDriver.registered();
        String user = "chief_" + UUID.randomUUID().toString().substring(0, 8);
        standIn.put(DB_ARN, login(user, "db-first"));
        SecretsSettings settings = secretsSettings(Duration.ofMillis(200));
        ChiefSettings chief = chief();
        secrets = SecretsBeans.start(chief, settings);
        ChiefSettings.Database database = SecretsBeans.database(
                new ChiefSettings.Database(RecordingJdbcDriver.PREFIX + "//db:3306/chief", "configured", "", false), settings, secrets);
        assertThat(database.password()).isEqualTo("db-first");
        assertThat(database.user()).as("the user the secret names").isEqualTo(user);
        assertThat(database.toString()).doesNotContain("db-first");

        try (HikariDataSource pool = DataSources.create(database)) {
            SecretsBeans.followRotation(pool, settings, secrets);
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            standIn.put(DB_ARN, login(user, "db-rotated")); // single-user rotation
            awaitLogin(pool, driver, user, "db-rotated");
            standIn.put(DB_ARN, login(user + "_clone", "db-clone")); // alternating users: the other user is current now
            awaitLogin(pool, driver, user + "_clone", "db-clone");
        }
        assertThat(driver.loginsAs(user)).extracting(RecordingJdbcDriver.Login::password).containsOnly("db-first", "db-rotated");
        assertThat(driver.loginsAs(user + "_clone")).extracting(RecordingJdbcDriver.Login::password).containsOnly("db-clone");
    }

    @Test
    void aJsonSecretWithoutAPasswordIsRefusedWithoutItsValues() {
        standIn.put(DB_ARN, "{\"username\":\"chief\",\"smtp_password\":\"not-for-the-database\"}");
        assertThatThrownBy(() -> SecretsBeans.start(chief(), secretsSettings(Duration.ofHours(1))))
                .hasMessageContaining(DB_ARN).hasMessageContaining("without a \"password\"")
                .message().doesNotContain("not-for-the-database");
    }

    @Test
    void aListenerThatFailsStopsNeitherTheOthersNorLaterReReads() {
        secrets = SecretsBeans.start(chief(), secretsSettings(Duration.ofHours(1)));
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        secrets.onChange(SEARCH_ARN, secret -> {
            throw new IllegalStateException("a listener's own failure");
        });
        secrets.onChange(SEARCH_ARN, secret -> told.add(secret.password()));
        standIn.put(SEARCH_ARN, "search-second");
        secrets.refreshNow();
        standIn.put(SEARCH_ARN, "search-third");
        secrets.refreshNow();
        assertThat(told).as("the value in hand at registration, then each change").containsExactly("search-first",
                "search-second", "search-third");
    }

    private static String login(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"engine\":\"mysql\"}";
    }

    /** The pool's next connections (they come and go) log in as this user with this password. */
    private static void awaitLogin(HikariDataSource pool, RecordingJdbcDriver driver, String user, String password) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            pool.getHikariPoolMXBean().softEvictConnections();
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            List<RecordingJdbcDriver.Login> logins = driver.loginsAs(user);
            assertThat(logins).isNotEmpty();
            assertThat(logins.get(logins.size() - 1).password()).isEqualTo(password);
        });
    }

    @Test
    void searchAndSmtpLoginsFollowTheirSecrets() throws Exception {
        SecretsSettings settings = secretsSettings(Duration.ofHours(1));
        ChiefSettings chief = chief();
        secrets = SecretsBeans.start(chief, settings);
        ChiefSettings withSecret = SecretsBeans.search(chief, settings, secrets);
        MailAuthenticator smtp = SecretsBeans.authenticator("mailer", () -> secrets.current(SMTP_ARN));

        assertThat(withSecret.search().requestAuth().perRequest()).isTrue();
        assertThat(authorization(withSecret)).isEqualTo(basic("chief", "search-first"));
        assertThat(smtp.getPasswordAuthentication().getPassword()).isEqualTo("smtp-first");

        standIn.put(SEARCH_ARN, "search-rotated");
        standIn.put(SMTP_ARN, "smtp-rotated");
        assertThat(authorization(withSecret)).as("cached until the next re-read").isEqualTo(basic("chief", "search-first"));
        secrets.refreshNow();
        assertThat(authorization(withSecret)).isEqualTo(basic("chief", "search-rotated"));
        assertThat(smtp.getPasswordAuthentication().getUserName()).isEqualTo("mailer");
        assertThat(smtp.getPasswordAuthentication().getPassword()).isEqualTo("smtp-rotated");
        assertThat(withSecret.search().toString()).doesNotContain("search-rotated");
    }

    @Test
    void smtpLogsInWithTheRotatedPasswordAfterTheNextReRead() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            mail.getUserManager().setAuthRequired(true);
            mail.setUser("mailer@chief.example", "mailer", "smtp-first");
            SecretsSettings settings = secretsSettings(Duration.ofHours(1));
            secrets = SecretsBeans.start(chief(), settings);
            Properties login = new Properties();
            login.put("camel.component.smtp.username", "mailer");
            camel.getPropertiesComponent().setOverrideProperties(login);
            SecretsBeans.smtp(camel, settings, secrets);
            camel.start();
            String endpoint = "smtp://127.0.0.1:" + mail.getSmtp().getPort() + "?from=orders@chief.example&to=alice@example.com";
            ProducerTemplate producer = camel.createProducerTemplate();

            producer.sendBodyAndHeader(endpoint, "first", "Subject", "one");
            assertThat(mail.getReceivedMessages()).hasSize(1);

            mail.getUserManager().getUser("mailer").setPassword("smtp-rotated"); // the secret's rotation changes the server's
            assertThatThrownBy(() -> producer.sendBodyAndHeader(endpoint, "stale", "Subject", "two"))
                    .as("the old password until the secret is read again").hasRootCauseInstanceOf(AuthenticationFailedException.class);
            standIn.put(SMTP_ARN, "smtp-rotated");
            secrets.refreshNow();
            producer.sendBodyAndHeader(endpoint, "rotated", "Subject", "three");
            assertThat(mail.getReceivedMessages()).hasSize(2);
        } finally {
            camel.stop();
            mail.stop();
        }
    }

    @Test
    void aSecretThatCannotBeReadStopsTheStartButALaterFailedReReadKeepsTheValueInHand() throws Exception {
        SecretsSettings missing = new SecretsSettings(true, Optional.of(DB_ARN + "-gone"), Optional.empty(), Optional.empty(),
                Duration.ofHours(1), Optional.of(standIn.url()));
        assertThatThrownBy(() -> SecretsBeans.start(chief(), missing)).hasMessageContaining("can't find");

        int before = standIn.reads();
        secrets = SecretsBeans.start(chief(), secretsSettings(Duration.ofHours(1)));
        assertThat(standIn.reads() - before).as("each secret read once at the start").isEqualTo(3);
        standIn.close(); // Secrets Manager unreachable
        secrets.refreshNow();
        assertThat(secrets.current(DB_ARN)).isEqualTo("db-first");
    }

    @Test
    void conflictingSettingsAreRefused() {
        SecretsSettings settings = secretsSettings(Duration.ofHours(1));
        assertThatThrownBy(() -> SecretsBeans.start(TestSettings.local(dir, Map.of("chief.search.user", "chief",
                "chief.db.url", "jdbc:mariadb://db:3306/chief", "chief.db.password", "pw")), settings))
                .hasMessageContaining("unset CHIEF_DB_PASSWORD");
        assertThatThrownBy(() -> SecretsBeans.start(TestSettings.local(dir), settings))
                .as("no search user").hasMessageContaining("chief.secrets.search-password-arn needs chief.search.user");
    }

    @Test
    void settingsAreReadAndCheckedByKey() {
        assertThat(read(Map.of()).fromSecretsManager()).as("the environment by default").isFalse();
        SecretsSettings read = read(Map.of("chief.secrets.source", "secretsmanager", "chief.secrets.db-password-arn", DB_ARN,
                "chief.secrets.refresh-seconds", "60"));
        assertThat(read.dbPasswordArn()).contains(DB_ARN);
        assertThat(read.searchPasswordArn()).isEmpty();
        assertThat(read.refresh()).isEqualTo(Duration.ofSeconds(60));
        assertThat(read.endpoint()).isEmpty();
        assertThatThrownBy(() -> read(Map.of("chief.secrets.source", "secretsmanager")))
                .hasMessageContaining("needs at least one of chief.secrets.db-password-arn");
        assertThatThrownBy(() -> read(Map.of("chief.secrets.source", "secretsmanager", "chief.secrets.db-password-arn", "chief/db")))
                .hasMessageContaining("chief.secrets.db-password-arn must be a secret's ARN");
        assertThatThrownBy(() -> read(Map.of("chief.secrets.source", "vault"))).hasMessageContaining("environment or secretsmanager");
    }

    private static SecretsSettings read(Map<String, String> overrides) {
        org.apache.camel.impl.DefaultCamelContext context = new org.apache.camel.impl.DefaultCamelContext();
        try {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            java.util.Properties override = new java.util.Properties();
            override.putAll(overrides);
            context.getPropertiesComponent().setOverrideProperties(override);
            return SecretsSettings.from(context.getPropertiesComponent());
        } finally {
            context.stop();
        }
    }

    private ChiefSettings chief() {
        return TestSettings.local(dir, Map.of("chief.search.user", "chief"));
    }

    private SecretsSettings secretsSettings(Duration refresh) {
        return new SecretsSettings(true, Optional.of(DB_ARN), Optional.of(SEARCH_ARN), Optional.of(SMTP_ARN), refresh,
                Optional.of(standIn.url()));
    }

    private static String authorization(ChiefSettings settings) {
        return settings.search().requestAuth().headers("GET", URI.create("http://127.0.0.1:9200/"), new byte[0]).get("Authorization");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
