package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chief.settings.ChiefKeys;
import com.chief.settings.SettingKey;
import com.chief.settings.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

class EngineSettingsTest {

    @Test
    void everyChoiceTheKeyTableAllowsIsOneOfTheEngineSettingsConstants() {
        EngineSettings kcl = read(false, "chief.consumer.engine", "KCL", "chief.consumer.kcl.retrieval", "fanout",
                "chief.consumer.kcl.lease-assignment", "throughput", "chief.consumer.kcl.billing-mode", "provisioned",
                "chief.consumer.kcl.cloudwatch-metrics", "summary");
        assertThat(kcl.engine()).isEqualTo(EngineSettings.Engine.KCL);
        assertThat(kcl.retrieval()).isEqualTo(EngineSettings.Retrieval.FANOUT);
        assertThat(kcl.leaseAssignment()).isEqualTo(EngineSettings.LeaseAssignment.THROUGHPUT);
        assertThat(kcl.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(kcl.cloudWatchMetrics()).isEqualTo("SUMMARY");
        EngineSettings defaults = read(false);
        assertThat(defaults.engine()).isEqualTo(EngineSettings.Engine.POLLING);
        assertThat(defaults.retrieval()).isEqualTo(EngineSettings.Retrieval.POLLING);
        assertThat(defaults.leaseAssignment()).isEqualTo(EngineSettings.LeaseAssignment.COUNT);
    }

    @Test
    void kclInTheLocalProfileWithoutAnEndpointUsesTheEmbeddedDynalite() {
        EngineSettings kcl = read(true, "chief.consumer.engine", "kcl");
        assertThat(kcl.dynamoDbEmbedded()).isTrue();
        assertThat(kcl.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:4570"));
    }

    @Test
    void malformedValuesAreRefusedNotReadLeniently() {
        assertThatThrownBy(() -> read(false, "chief.consumer.kcl.quick-first-start", "yes"))
                .hasMessage("chief.consumer.kcl.quick-first-start must be true or false, got 'yes'");
        assertThatThrownBy(() -> read(false, "chief.consumer.kcl.billing-mode", "free"))
                .hasMessageContaining("chief.consumer.kcl.billing-mode must be PAY_PER_REQUEST or PROVISIONED");
        assertThatThrownBy(() -> read(false, "chief.consumer.ownership.heartbeat-ms", "10s"))
                .hasMessageContaining("chief.consumer.ownership.heartbeat-ms must be a whole number of milliseconds");
    }

    /** The table's defaults, with {@code keyValues} over them. */
    private static EngineSettings read(boolean localProfile, String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (SettingKey<?> key : ChiefKeys.all()) {
            values.put(key.name(), key.defaultValue());
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return EngineSettings.read(new Settings(key -> Optional.ofNullable(values.get(key))), localProfile);
    }
}
