package com.chief.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.bootstrap.ResourceBootstrap;
import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.health.ExternalSystemHealthCheck;
import com.chief.health.Probes;
import com.chief.support.FreePorts;
import com.chief.support.TestSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The whole embedded stack, as the local profile starts it, with the resources and health checks on top. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackIT {

    @TempDir
    static Path dataDir;

    private ChiefSettings settings;
    private LocalStack stack;
    private KinesisClient kinesis;
    private S3Client s3;
    private HikariDataSource dataSource;

    @BeforeAll
    void startStack() {
        settings = TestSettings.local(dataDir);
        stack = new LocalStack(settings);
        stack.start();
        kinesis = AwsClients.kinesis(settings);
        s3 = AwsClients.s3(settings);
        dataSource = DataSources.create(settings.database());
        ResourceBootstrap.run(settings, kinesis, s3, dataSource);
    }

    @AfterAll
    void stopStack() {
        dataSource.close();
        kinesis.close();
        s3.close();
        stack.stop();
    }

    @Test
    void createsStreamsWithTheirShardCounts() {
        assertThat(openShards("OrdersStream")).isEqualTo(4);
        assertThat(openShards("JobResultsStream")).isEqualTo(2);
    }

    @Test
    void anS3ObjectIsAPlainFileUnderTheDataDir() throws Exception {
        s3.putObject(r -> r.bucket("chief-archive").key("probe/2026/a.json"), RequestBody.fromString("{\"a\":1}"));
        assertThat(Files.readString(dataDir.resolve("s3/chief-archive/probe/2026/a.json"))).isEqualTo("{\"a\":1}");
    }

    @Test
    void putsTheIndexTemplateIntoOpenSearch() throws Exception {
        HttpResponse<String> template = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(settings.search().url().resolve("/_index_template/chief-orders")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.body()).contains("chief-orders*", "\"orderId\"");
    }

    @Test
    void migratesTheEmbeddedMariaDbThatAnotherProcessCanOpen() throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(settings.database().url(), "root", null);
                ResultSet tables = connection.getMetaData().getTables("chief", null, "kinesis_checkpoint", null)) {
            assertThat(tables.next()).isTrue();
            assertThat(connection.getMetaData().getDatabaseProductVersion()).contains("MariaDB");
        }
        assertThat(Files.isDirectory(dataDir.resolve("db/data/chief"))).isTrue();
    }

    @Test
    void bootstrapIsIdempotent() {
        ResourceBootstrap.run(settings, kinesis, s3, dataSource);
        assertThat(openShards("OrdersStream")).isEqualTo(4);
    }

    @Test
    void everySystemReportsUpWithWhatItSaw() {
        for (HealthCheck check : checks(settings, kinesis, s3, dataSource)) {
            HealthCheck.Result result = check.call();
            assertThat(result.getState()).as(check.getId() + ": " + result.getMessage().orElse(""))
                    .isEqualTo(HealthCheck.State.UP);
        }
        assertThat(checks(settings, kinesis, s3, dataSource).get(0).call().getMessage())
                .hasValue("OrdersStream ACTIVE (4 shards), JobResultsStream ACTIVE (2 shards)");
    }

    @Test
    void unreachableSystemsReportDownWithAReadableReason() {
        String closed = "http://127.0.0.1:" + FreePorts.next();
        ChiefSettings broken = TestSettings.local(dataDir.resolve("other"), java.util.Map.of(
                "chief.kinesis.endpoint", closed,
                "chief.s3.endpoint", closed,
                "chief.search.url", closed,
                "chief.db.url", "jdbc:mariadb://127.0.0.1:" + FreePorts.next() + "/none"));
        // a configured endpoint takes credentials from AWS's chain, as it would for LocalStack
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try (KinesisClient badKinesis = AwsClients.kinesis(broken);
                S3Client badS3 = AwsClients.s3(broken);
                HikariDataSource badDb = DataSources.create(broken.database())) {
            for (HealthCheck check : checks(broken, badKinesis, badS3, badDb)) {
                HealthCheck.Result result = check.call();
                assertThat(result.getState()).as(check.getId()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).as(check.getId()).hasValueSatisfying(message -> assertThat(message)
                        .contains("unavailable at 127.0.0.1:")
                        .containsIgnoringCase("refused"));
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void missingAwsCredentialsAreReportedAsSuch() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getenv("AWS_PROFILE") == null
                && !Files.exists(Path.of(System.getProperty("user.home"), ".aws")),
                "this machine has AWS credentials configured");
        ChiefSettings configured = TestSettings.local(dataDir.resolve("creds"), java.util.Map.of(
                "chief.kinesis.endpoint", "http://127.0.0.1:" + FreePorts.next()));
        try (KinesisClient noCredentials = AwsClients.kinesis(configured)) {
            HealthCheck check = checks(configured, noCredentials, s3, dataSource).get(0);
            assertThat(check.call().getMessage()).hasValueSatisfying(message -> assertThat(message)
                    .contains("no AWS credentials")
                    .contains("AWS_ACCESS_KEY_ID")
                    .hasSizeLessThan(300));
        }
    }

    private int openShards(String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().openShardCount();
    }

    private static List<HealthCheck> checks(ChiefSettings settings, KinesisClient kinesis, S3Client s3,
            HikariDataSource dataSource) {
        List<HealthCheck> checks = List.of(
                new ExternalSystemHealthCheck("kinesis", settings.kinesis().endpoint().orElseThrow().toString(),
                        Probes.kinesis(kinesis, List.of("OrdersStream", "JobResultsStream"))),
                new ExternalSystemHealthCheck("s3", settings.s3().endpoint().orElseThrow().toString(),
                        Probes.s3(s3, "chief-archive")),
                new ExternalSystemHealthCheck("search", settings.search().url().toString(),
                        Probes.search(settings.search())),
                new ExternalSystemHealthCheck("database", settings.database().url(),
                        Probes.database(dataSource)));
        DefaultCamelContext context = new DefaultCamelContext();
        checks.forEach(check -> ((org.apache.camel.CamelContextAware) check).setCamelContext(context));
        return checks;
    }
}
