package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.support.RecordingJdbcDriver;
import com.chief.support.SigV4Verifier;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.jdbc.plugin.iam.LightRdsUtility;

/**
 * chief.db.auth=iam: the AWS JDBC Wrapper's iam plugin logs in with an IAM token, never a password. The
 * token is checked for form and signature by {@link SigV4Verifier} (written from the algorithm), for its
 * 15-minute life, and for being reused and then replaced as chief.db.iam-token-seconds says. The database
 * driver under the wrapper is {@link RecordingJdbcDriver}: no database server is needed.
 */
class AuroraIamAuthenticationTest {

    private static final String HOST = "chief.cluster-c0ffee.eu-west-1.rds.amazonaws.com";
    private static final String ACCESS_KEY = "AKIDCHIEFDBTEST";
    private static final String SECRET_KEY = "chief-db-test-secret-not-a-real-one";

    private RecordingJdbcDriver driver;

    @BeforeEach
    void credentials() throws Exception {
        driver = RecordingJdbcDriver.registered();
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    @AfterEach
    void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aTokenIsAPresignedConnectUrlValidForFifteenMinutes() {
        Instant at = Instant.parse("2026-12-06T06:30:00Z");
        String token = new LightRdsUtility(at).generateAuthenticationToken(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), Region.EU_WEST_1, HOST,
                3306, "chief_app");

        assertThat(token).startsWith(HOST + ":3306/?")
                .contains("Action=connect", "DBUser=chief_app", "X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Expires=900",
                        "X-Amz-Date=20261206T063000Z", "X-Amz-Credential=" + ACCESS_KEY + "%2F20261206%2Feu-west-1%2Frds-db%2Faws4_request",
                        "X-Amz-SignedHeaders=host", "X-Amz-Signature=");
        assertThat(verifier(at.plusSeconds(60)).presignedRefusal(token)).isNull();
        assertThat(verifier(at.plusSeconds(899)).presignedRefusal(token)).isNull();
        assertThat(verifier(at.plusSeconds(901)).presignedRefusal(token)).startsWith("signature expired");
        assertThat(new SigV4Verifier(ACCESS_KEY, "another-secret", "eu-west-1", "rds-db", Clock.fixed(at, ZoneOffset.UTC), false)
                .presignedRefusal(token)).isEqualTo("signature does not match");
        assertThat(verifier(at).presignedRefusal(token.replace("DBUser=chief_app", "DBUser=admin")))
                .isEqualTo("signature does not match");
    }

    @Test
    void thePoolLogsInThroughTheWrapperWithAValidTokenAndNoPassword() throws Exception {
        String user = "chief_" + UUID.randomUUID().toString().substring(0, 8);
        ChiefSettings.Database database = iamDatabase(user, 600);
        try (HikariDataSource pool = DataSources.create(database); Connection first = pool.getConnection();
                Connection second = pool.getConnection()) {
            assertThat(first.isValid(1)).isTrue();
            assertThat(second.isValid(1)).isTrue();
        }
        List<RecordingJdbcDriver.Login> logins = driver.loginsAs(user);
        assertThat(logins).hasSizeGreaterThanOrEqualTo(2).allSatisfy(login -> {
            assertThat(login.url()).startsWith(RecordingJdbcDriver.PREFIX + "//" + HOST + ":3306/chief");
            assertThat(login.password()).startsWith(HOST + ":3306/?").contains("DBUser=" + user);
            assertThat(verifier(Instant.now()).presignedRefusal(login.password())).isNull();
        });
        assertThat(logins).extracting(RecordingJdbcDriver.Login::password).as("one token reused within its time").containsOnly(
                logins.get(0).password());
    }

    @Test
    void aTokenIsReplacedOnceItsTimeIsUp() throws Exception {
        String user = "chief_" + UUID.randomUUID().toString().substring(0, 8);
        ChiefSettings.Database database = iamDatabase(user, 1);
        Properties properties = AuroraWrapperProperties.of(database);
        properties.setProperty("user", user);
        connect(database.url(), properties);
        String first = driver.loginsAs(user).get(0).password();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            connect(database.url(), properties);
            List<RecordingJdbcDriver.Login> logins = driver.loginsAs(user);
            return !logins.get(logins.size() - 1).password().equals(first);
        });
        List<RecordingJdbcDriver.Login> logins = driver.loginsAs(user);
        assertThat(verifier(Instant.now()).presignedRefusal(logins.get(logins.size() - 1).password())).isNull();
        assertThat(properties.getProperty("password")).as("the caller's properties hold no password").isNull();
    }

    @Test
    void wrapperPropertiesPutTheIamPluginFirstAndKeepFailover() {
        Properties iam = AuroraWrapperProperties.of(new ChiefSettings.Database("jdbc:aws-wrapper:mariadb://" + HOST + ":3306/chief",
                "chief_app", "", false, ChiefSettings.DatabaseAuth.IAM, "auroraConnectionTracker,failover2,efm2", 600, "eu-west-1"));
        assertThat(iam.getProperty("wrapperPlugins")).isEqualTo("iam,auroraConnectionTracker,failover2,efm2");
        assertThat(iam.getProperty("iamRegion")).isEqualTo("eu-west-1");
        assertThat(iam.getProperty("iamExpiration")).isEqualTo("600");
        Properties password = AuroraWrapperProperties.of(new ChiefSettings.Database("jdbc:aws-wrapper:mariadb://" + HOST + ":3306/chief",
                "chief_app", "", false, ChiefSettings.DatabaseAuth.PASSWORD, "auroraConnectionTracker,failover2,efm2", 600, "eu-west-1"));
        assertThat(password.getProperty("wrapperPlugins")).isEqualTo("auroraConnectionTracker,failover2,efm2");
        assertThat(password.getProperty("iamRegion")).isNull();
    }

    private static void connect(String url, Properties properties) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    /**
     * The recording driver under the wrapper, as the MariaDB dialect (the wrapper cannot ask a driver that runs no
     * SQL which database it is); no failover or monitoring plugins: they need an Aurora cluster's topology.
     */
    private static ChiefSettings.Database iamDatabase(String user, int tokenSeconds) {
        return new ChiefSettings.Database("jdbc:aws-wrapper:chief-recording://" + HOST + ":3306/chief?wrapperDialect=mariadb",
                user, "", false,
                ChiefSettings.DatabaseAuth.IAM, "", tokenSeconds, "eu-west-1");
    }

    private static SigV4Verifier verifier(Instant now) {
        return new SigV4Verifier(ACCESS_KEY, SECRET_KEY, "eu-west-1", "rds-db", Clock.fixed(now, ZoneOffset.UTC), false);
    }
}
