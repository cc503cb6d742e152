package com.chief.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchJavaTest {

    @Test
    void picksTheNewestJdkOf21OrLaterInAFolder(@TempDir Path jvms) throws Exception {
        jdk(jvms.resolve("java-17"), "17.0.15");
        jdk(jvms.resolve("temurin-21"), "21.0.4");
        jdk(jvms.resolve("temurin-25"), "25.0.3");
        Files.createDirectories(jvms.resolve("no-release/bin"));
        assertThat(ElasticsearchJava.installed(jvms)).contains(jvms.resolve("temurin-25"));
        assertThat(ElasticsearchJava.feature(jvms.resolve("java-17"))).contains(17);
        assertThat(ElasticsearchJava.feature(jvms.resolve("no-release"))).isEmpty();
    }

    @Test
    void noJdkNewEnoughIsNoChoice(@TempDir Path jvms) throws Exception {
        jdk(jvms.resolve("java-17"), "17.0.15");
        assertThat(ElasticsearchJava.installed(jvms)).isEmpty();
        assertThat(ElasticsearchJava.installed(jvms.resolve("missing"))).isEmpty();
    }

    @Test
    void aConfiguredHomeThatIsTooOldIsRefusedByName(@TempDir Path jvms) throws Exception {
        // on Java 21+ the running JVM is used whatever the property says: reported as skipped there
        assumeTrue(Runtime.version().feature() < 21);
        Path old = jdk(jvms.resolve("java-17"), "17.0.15");
        System.setProperty(ElasticsearchJava.PROPERTY, old.toString());
        try {
            assertThatThrownBy(ElasticsearchJava::home).hasMessageContaining(ElasticsearchJava.PROPERTY)
                    .hasMessageContaining(old.toString());
        } finally {
            System.clearProperty(ElasticsearchJava.PROPERTY);
        }
    }

    private static Path jdk(Path home, String version) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
