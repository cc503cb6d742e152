package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chief.settings.ChiefKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocationsTest {

    private static final Path DOCUMENTED = Path.of("application.properties");
    private static final Pattern DOC_LINE = Pattern.compile("^#?((?:chief|camel)\\.[\\w.-]+)=(.*)$");

    @Test
    void everyJarDefaultIsDocumentedWithTheSameValue() throws IOException {
        Map<String, String> documented = documentedKeys();
        Properties defaults = classpath("application.properties");
        assertThat(defaults).isNotEmpty();
        for (String key : defaults.stringPropertyNames()) {
            if (SecretKeys.isSecret(key)) {
                assertThat(documented).as("a secret is documented by its environment variable only").doesNotContainKey(key);
                continue;
            }
            assertThat(documented).as("top-level application.properties documents " + key).containsKey(key);
            assertThat(documented.get(key)).as("documented default of " + key).isEqualTo(defaults.getProperty(key));
        }
        for (String profile : new String[] {"local", "aws", "latency-low"}) {
            for (String key : classpath("application-" + profile + ".properties").stringPropertyNames()) {
                assertThat(documented).as(profile + " profile key " + key + " is documented").containsKey(key);
            }
        }
    }

    @Test
    void documentedFileSetsNothingSoItCannotShadowProfileDefaults() throws IOException {
        Properties active = new Properties();
        try (InputStream in = Files.newInputStream(DOCUMENTED)) {
            active.load(in);
        }
        assertThat(active).as("keys not commented out in the top-level file").isEmpty();
    }

    @Test
    void workingDirFileBeatsJarDefaultsAndSystemPropertiesBeatTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, "chief.s3.bucket=from-file\nchief.kinesis.orders-shards=8\n");
        String locations = ConfigLocations.locations("local").replace("file:application.properties", "file:" + file);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(locations);
            System.setProperty("chief.kinesis.orders-shards", "16");
            try {
                var properties = context.getPropertiesComponent();
                assertThat(properties.resolveProperty("chief.s3.bucket")).contains("from-file");
                assertThat(properties.resolveProperty("chief.kinesis.orders-shards")).contains("16");
                assertThat(properties.resolveProperty("chief.aws.create-resources")).as("profile default").contains("true");
                assertThat(properties.resolveProperty("chief.kinesis.orders-stream")).as("jar default").contains("OrdersStream");
            } finally {
                System.clearProperty("chief.kinesis.orders-shards");
            }
        }
    }

    @Test
    void profileComesFromTheWorkingDirFileWhenNotInTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, "chief.profile=aws\n");
        assertThat(ConfigLocations.fromWorkingDirFile(file)).isEqualTo("aws");
        assertThat(ConfigLocations.fromWorkingDirFile(dir.resolve("absent.properties"))).isNull();
    }

    @Test
    void lowLatencyDefaultsSitBetweenTheWorkingDirFileAndTheProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, "chief.intake.poll-delay-ms=50\n");
        String locations = ConfigLocations.locations("local", "low").replace("file:application.properties", "file:" + file);
        assertThat(ConfigLocations.locations("local", "balanced")).isEqualTo(ConfigLocations.locations("local"))
                .doesNotContain("latency");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(locations);
            System.setProperty("chief.kinesis.producer.record-max-buffered-time-ms", "70");
            try {
                var properties = context.getPropertiesComponent();
                assertThat(properties.resolveProperty("chief.kinesis.search-poll-delay-ms")).as("the low profile's").contains("250");
                assertThat(properties.resolveProperty("chief.kinesis.poll-delay-ms")).as("the low profile's").contains("2000");
                assertThat(properties.resolveProperty("chief.search.refresh-interval")).contains("250ms");
                assertThat(properties.resolveProperty("chief.intake.poll-delay-ms")).as("the file's").contains("50");
                assertThat(properties.resolveProperty("chief.kinesis.producer.record-max-buffered-time-ms")).as("-D's").contains("70");
                assertThat(properties.resolveProperty("chief.aws.create-resources")).as("the profile's").contains("true");
            } finally {
                System.clearProperty("chief.kinesis.producer.record-max-buffered-time-ms");
            }
        }
    }

    @Test
    void latencyIsBalancedByDefaultAndRefusesUnknownValues() {
        assertThat(ConfigLocations.activeLatency()).isEqualTo("balanced");
        System.setProperty(ConfigLocations.LATENCY_KEY, "low");
        try {
            assertThat(ConfigLocations.activeLatency()).isEqualTo("low");
            System.setProperty(ConfigLocations.LATENCY_KEY, "fastest");
            assertThatThrownBy(ConfigLocations::activeLatency).hasMessageContaining("'balanced' or 'low'");
        } finally {
            System.clearProperty(ConfigLocations.LATENCY_KEY);
        }
    }

    @Test
    void earlySettingsComeFromTheJarWhenSetNowhereElse() {
        assertThat(ConfigLocations.earlySetting(ChiefKeys.JVM_MAX_HEAP)).isEqualTo("640m");
        System.setProperty("chief.jvm.max-heap", "2g");
        try {
            assertThat(ConfigLocations.earlySetting(ChiefKeys.JVM_MAX_HEAP)).isEqualTo("2g");
        } finally {
            System.clearProperty("chief.jvm.max-heap");
        }
    }

    @Test
    void unknownProfileIsRefusedWithTheChoices() {
        System.setProperty(ConfigLocations.PROFILE_KEY, "prod");
        try {
            assertThatThrownBy(ConfigLocations::activeProfile)
                    .hasMessageContaining("Unknown profile 'prod'")
                    .hasMessageContaining("'local' or 'aws'");
        } finally {
            System.clearProperty(ConfigLocations.PROFILE_KEY);
        }
    }

    private static Map<String, String> documentedKeys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCUMENTED)) {
            Matcher m = DOC_LINE.matcher(line.strip());
            if (m.matches()) {
                keys.put(m.group(1), m.group(2));
            }
        }
        return keys;
    }

    private static Properties classpath(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigLocationsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
