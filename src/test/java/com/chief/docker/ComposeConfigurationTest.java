package com.chief.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.ChiefSettings;
import com.chief.sink.search.SearchEngine;
import com.chief.support.TestSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml cannot be run here (no Docker engine), so it is kept correct by
 * construction: ports on loopback, every CHIEF_* variable a documented key, and the settings Chief
 * would read from them pointing at the compose services; the Dockerfile's sources exist.
 */
class ComposeConfigurationTest {

    private static final Path DIR = Path.of("docker");
    private final JsonNode compose = read(DIR.resolve("compose.yaml"));

    @Test
    void everyPublishedPortIsOnLoopback() {
        compose.path("services").fields().forEachRemaining(service -> service.getValue().path("ports")
                .forEach(port -> assertThat(port.asText()).as(service.getKey()).startsWith("127.0.0.1:")));
    }

    @Test
    void chiefsVariablesAreDocumentedKeysAndPointAtTheComposeServices() throws Exception {
        Map<String, String> keysByEnv = new HashMap<>();
        Matcher keys = Pattern.compile("(?m)^#?(chief\\.[a-z0-9.-]+)=").matcher(Files.readString(Path.of("application.properties")));
        while (keys.find()) {
            keysByEnv.put(keys.group(1).toUpperCase().replace('.', '_').replace('-', '_'), keys.group(1));
        }
        Map<String, String> properties = new HashMap<>();
        compose.path("services").path("chief").path("environment").fields().forEachRemaining(variable -> {
            // secrets come from the environment only: they are documented by their variable, not as keys
            boolean secret = com.chief.config.SecretKeys.isSecret(variable.getKey());
            if (variable.getKey().startsWith("CHIEF_") && !secret) {
                assertThat(keysByEnv).as("documented key for " + variable.getKey()).containsKey(variable.getKey());
                String value = variable.getValue().asText();
                properties.put(keysByEnv.get(variable.getKey()), value.startsWith("${") ? "set-at-run-time" : value);
            }
        });
        properties.put("chief.data-dir", "/var/lib/chief");

        ChiefSettings settings = TestSettings.read(properties.remove("chief.profile"), properties);
        assertThat(settings.local()).isFalse();
        assertThat(settings.kinesis().endpoint()).hasValueSatisfying(uri -> assertThat(uri).hasToString("http://localstack:4566"));
        assertThat(settings.producer().kinesisHost()).isEqualTo("localstack");
        assertThat(settings.producer().kinesisPort()).isEqualTo(4566);
        assertThat(settings.producer().stsHost()).isEqualTo("localstack");
        assertThat(settings.producer().verifyCertificate()).isFalse();
        assertThat(settings.s3().pathStyle()).isTrue();
        assertThat(settings.search().engine()).isEqualTo(SearchEngine.ELASTICSEARCH);
        assertThat(settings.search().url()).hasHost("elasticsearch");
        assertThat(settings.database().url()).startsWith("jdbc:mariadb://mysql:3306/");
        assertThat(settings.createResources()).isTrue();
        for (String service : new String[] {"localstack", "elasticsearch", "mysql", "init"}) {
            assertThat(compose.path("services").has(service)).as(service).isTrue();
        }
    }

    @Test
    void inboxArchiveAndErrorFoldersShareOneMountSoAFinishedFileIsRenamed() {
        ChiefSettings.Intake intake = TestSettings.read("local", Map.of("chief.data-dir", "/var/lib/chief")).intake();
        List<Path> mounts = new ArrayList<>();
        compose.path("services").path("chief").path("volumes")
                .forEach(volume -> mounts.add(Path.of(volume.asText().split(":")[1])));
        for (Path dir : List.of(intake.ordersDir(), intake.jobResultsDir(), intake.archiveDir(), intake.errorDir())) {
            Path mount = mounts.stream().filter(dir::startsWith).max(java.util.Comparator.comparingInt(Path::getNameCount))
                    .orElse(Path.of("/"));
            assertThat(mount).as("the mount holding " + dir).isEqualTo(Path.of("/var/lib/chief"));
        }
    }

    @Test
    void theImageIsBuiltFromFilesThatExist() throws Exception {
        Matcher copies = Pattern.compile("(?m)^COPY (\\S+) ").matcher(Files.readString(DIR.resolve("Dockerfile")));
        int count = 0;
        while (copies.find()) {
            count++;
            String source = copies.group(1);
            assertThat(source.equals("target/chief-aws.jar") || Files.exists(Path.of(source))).as(source).isTrue();
        }
        assertThat(count).isPositive();
        assertThat(Path.of(compose.path("services").path("chief").path("build").path("dockerfile").asText())).exists();
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
