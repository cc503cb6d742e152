package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.chief.retention.FolderRetention;
import com.chief.support.TestSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChiefSettingsTest {

    @Test
    void localProfileServesUnconfiguredSystemsFromTheEmbeddedStack() {
        ChiefSettings settings = settings("local", Map.of("chief.data-dir", "/srv/chief"));
        assertThat(settings.local()).isTrue();
        assertThat(settings.bootstrapResources()).isTrue();
        assertThat(settings.kinesis().embedded()).isTrue();
        assertThat(settings.kinesis().endpoint()).contains(URI.create("http://127.0.0.1:4568"));
        assertThat(settings.s3().endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.s3().pathStyle()).isTrue();
        assertThat(settings.search().url()).isEqualTo(URI.create("http://127.0.0.1:9200"));
        assertThat(settings.database().url()).isEqualTo("jdbc:mariadb://127.0.0.1:3307/chief");
        assertThat(settings.database().embedded()).isTrue();
        assertThat(settings.intake().ordersDir()).isEqualTo(Path.of("/srv/chief/inbox/orders"));
    }

    @Test
    void aConfiguredEndpointIsUsedInsteadOfTheEmbeddedOne() {
        ChiefSettings settings = settings("local", Map.of(
                "chief.kinesis.endpoint", "http://localhost:4566",
                "chief.db.url", "jdbc:mariadb://127.0.0.1:3306/chief"));
        assertThat(settings.kinesis().embedded()).isFalse();
        assertThat(settings.kinesis().endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(settings.database().embedded()).isFalse();
        assertThat(settings.s3().embedded()).isTrue();
    }

    @Test
    void awsProfileUsesAwsEndpointsAndCreatesNothingByDefault() {
        ChiefSettings settings = settings("aws", Map.of(
                "chief.search.url", "https://search.example.com",
                "chief.db.url", "jdbc:mariadb://aurora.example.com:3306/chief"));
        assertThat(settings.kinesis().endpoint()).isEmpty();
        assertThat(settings.s3().endpoint()).isEmpty();
        assertThat(settings.s3().pathStyle()).isFalse();
        assertThat(settings.bootstrapResources()).isFalse();
    }

    @Test
    void searchSignsWithSigV4ForTheConfiguredServiceOrSendsTheInternalUser() {
        Map<String, String> aws = Map.of("chief.search.url", "https://search.example.com",
                "chief.db.url", "jdbc:mariadb://aurora.example.com:3306/chief");
        assertThat(settings("aws", aws).search().requestAuth().perRequest()).as("basic by default").isFalse();
        ChiefSettings signed = settings("aws", with(aws, "chief.search.auth", "sigv4", "chief.search.sigv4-service", "aoss"));
        assertThat(signed.search().requestAuth().perRequest()).isTrue();
        assertThat(signed.search().toString()).contains("SigV4[aoss in us-east-1]");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.search.auth", "sigv4", "chief.search.sigv4-service", "s3")))
                .hasMessageContaining("chief.search.sigv4-service must be es or aoss");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.search.auth", "iam", "chief.search.sigv4-service", "es")))
                .hasMessageContaining("chief.search.auth must be basic or sigv4");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.search.auth", "sigv4", "chief.search.engine", "elasticsearch")))
                .hasMessageContaining("set chief.search.engine=opensearch");
    }

    @Test
    void iamDatabaseAuthenticationNeedsTheWrapperAUserAndNoPassword() {
        Map<String, String> aws = Map.of("chief.search.url", "https://search.example.com",
                "chief.db.url", "jdbc:aws-wrapper:mariadb://c.cluster-x.us-east-1.rds.amazonaws.com:3306/chief?sslMode=verify-full",
                "chief.db.user", "chief_app", "chief.db.auth", "iam");
        ChiefSettings.Database database = settings("aws", aws).database();
        assertThat(database.auth()).isEqualTo(ChiefSettings.DatabaseAuth.IAM);
        assertThat(database.wrapped()).isTrue();
        assertThat(database.wrapperPlugins()).isEqualTo("auroraConnectionTracker,failover2,efm2");
        assertThat(database.iamTokenSeconds()).isEqualTo(600);
        assertThat(database.region()).isEqualTo("us-east-1");
        assertThat(database.toString()).endsWith("as chief_app (IAM)]");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.db.url", "jdbc:mariadb://db:3306/chief")))
                .hasMessageContaining("chief.db.auth=iam needs a jdbc:aws-wrapper: URL");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.db.url",
                "jdbc:aws-wrapper:mariadb://c.cluster-x.us-east-1.rds.amazonaws.com:3306/chief?sslMode=trust")))
                .as("a token readable on the way").hasMessageContaining("chief.db.auth=iam needs sslMode=verify-full");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.db.url",
                "jdbc:aws-wrapper:mariadb://c.cluster-x.us-east-1.rds.amazonaws.com:3306/chief")))
                .hasMessageContaining("chief.db.auth=iam needs sslMode=verify-full");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.db.user", "")))
                .hasMessageContaining("chief.db.auth=iam needs chief.db.user");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.db.password", "pw")))
                .hasMessageContaining("takes no password");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.db.iam-token-seconds", "900")))
                .hasMessageContaining("chief.db.iam-token-seconds must be 1 to 840");
        assertThatThrownBy(() -> settings("aws", with(aws, "chief.db.auth", "kerberos")))
                .hasMessageContaining("chief.db.auth must be password or iam");
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            all.put(keyValues[i], keyValues[i + 1]);
        }
        return all;
    }

    @Test
    void awsProfileWithoutSearchUrlSaysWhichVariableToSet() {
        assertThatThrownBy(() -> settings("aws", Map.of("chief.db.url", "jdbc:mariadb://db:3306/chief")))
                .hasMessageContaining("chief.search.url is not set")
                .hasMessageContaining("CHIEF_SEARCH_URL");
    }

    @Test
    void malformedValuesNameTheKey() {
        assertThatThrownBy(() -> settings("local", Map.of("chief.kinesis.orders-shards", "four")))
                .hasMessageContaining("chief.kinesis.orders-shards must be a whole number");
        assertThatThrownBy(() -> settings("local", Map.of("chief.s3.endpoint", "localhost")))
                .hasMessageContaining("chief.s3.endpoint must be a URL");
    }

    @Test
    void choicesAreCheckedAndNamed() {
        assertThat(settings("local", Map.of()).consumers().applications()).as("all").isEmpty();
        assertThat(settings("local", Map.of("chief.consumer.applications", "order-archive, order-search")).consumers()
                .applications()).containsExactly("order-archive", "order-search");
        assertThatThrownBy(() -> settings("local", Map.of("chief.notify.channel", "pigeon")))
                .hasMessageContaining("chief.notify.channel must be outbox, webhook, smtp, ses or sns");
        assertThatThrownBy(() -> settings("local", Map.of("chief.search.engine", "solr")))
                .hasMessageContaining("chief.search.engine must be opensearch or elasticsearch");
        assertThatThrownBy(() -> settings("local", Map.of("chief.search.engine", "elasticsearch")))
                .hasMessageContaining("needs chief.search.url");
        assertThatThrownBy(() -> settings("local", Map.of("chief.aurora.load-mode", "fast")))
                .hasMessageContaining("chief.aurora.load-mode must be rows or load-data-from-s3");
    }

    @Test
    void retentionDefaultsKeepIdempotenceRecordsLongerThanTheDedupeWindow() {
        ChiefSettings.Retention retention = settings("local", Map.of("chief.data-dir", "/srv/chief")).retention();
        assertThat(retention.dedupe()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(List.of(retention.jobs(), retention.notifications(), retention.finalStatuses()))
                .allSatisfy(kept -> assertThat(kept).isGreaterThanOrEqualTo(retention.dedupe()));
        assertThat(retention.folders()).extracting(FolderRetention::target, FolderRetention::folder).containsExactly(
                tuple("intake-archive", Path.of("/srv/chief/archive/intake")),
                tuple("intake-error", Path.of("/srv/chief/error/intake")),
                tuple("rejected", Path.of("/srv/chief/rejected")),
                tuple("dead-letter", Path.of("/srv/chief/dead-letter")),
                tuple("customer-outbox", Path.of("/srv/chief/outbox/customers")),
                tuple("operations-outbox", Path.of("/srv/chief/outbox/operations")));
    }

    @Test
    void aRetentionThatWouldBreakOnceIsRefused() {
        assertThatThrownBy(() -> settings("local", Map.of("chief.retention.jobs-days", "3")))
                .hasMessageContaining("chief.retention.jobs-days=3 is shorter than chief.dedupe.retention-days=7")
                .hasMessageContaining("made twice");
        assertThatThrownBy(() -> settings("local", Map.of("chief.dedupe.retention-days", "60")))
                .as("a longer dedupe window needs the idempotence records kept as long")
                .hasMessageContaining("chief.retention.jobs-days=30 is shorter than chief.dedupe.retention-days=60");
        assertThatThrownBy(() -> settings("local", Map.of("chief.retention.notifications-days", "0")))
                .hasMessageContaining("chief.retention.notifications-days must be 1 or more");
        assertThatThrownBy(() -> settings("local", Map.of("chief.retention.batch-size", "0")))
                .hasMessageContaining("chief.retention.batch-size must be 1 or more");
    }

    @Test
    void aPurgedFolderMayNotReachIntoAnInboxOrOverTheDataFolder() {
        assertThatThrownBy(() -> settings("local", Map.of("chief.data-dir", "/srv/chief",
                "chief.intake.rejected-dir", "/srv/chief/inbox")))
                .hasMessageContaining("chief.intake.rejected-dir (/srv/chief/inbox) overlaps the inbox /srv/chief/inbox/orders");
        assertThatThrownBy(() -> settings("local", Map.of("chief.data-dir", "/srv/chief",
                "chief.dead-letter-dir", "/srv/chief/inbox/orders/dead")))
                .hasMessageContaining("overlaps the inbox");
        assertThatThrownBy(() -> settings("local", Map.of("chief.data-dir", "/srv/chief", "chief.dead-letter-dir", "/srv")))
                .hasMessageContaining("chief.dead-letter-dir (/srv) holds the data folder /srv/chief");
    }

    @Test
    void jdbcPasswordsAreRedactedForLogs() {
        assertThat(DataSources.redact("jdbc:mariadb://db/chief?user=a&password=s3cret&x=1"))
                .isEqualTo("jdbc:mariadb://db/chief?user=a&password=***&x=1");
    }

    static ChiefSettings settings(String profile, Map<String, String> overrides) {
        return TestSettings.read(profile, overrides);
    }
}
