package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementSecurityTest {

    @TempDir
    Path dir;

    @Test
    void anExposedManagementPortWithoutALoginIsRefused() {
        assertThatThrownBy(() -> ManagementSecurity.settings("0.0.0.0", "", "", dir))
                .hasMessageContaining("chief.management.host=0.0.0.0").hasMessageContaining("CHIEF_MANAGEMENT_PASSWORD");
        assertThatThrownBy(() -> ManagementSecurity.settings("10.1.2.3", "ops", "", dir)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void loopbackWithoutALoginStaysOpen() {
        assertThat(ManagementSecurity.settings("127.0.0.1", "", "", dir)).isEmpty();
        assertThat(ManagementSecurity.settings("localhost", "", "", dir)).isEmpty();
    }

    @Test
    void aLoginProtectsJolokiaThroughAFileOnlyTheOwnerCanRead() throws Exception {
        Properties camel = ManagementSecurity.settings("0.0.0.0", "ops", "s3cret", dir);
        assertThat(camel).containsEntry("camel.management.authenticationEnabled", "true")
                .containsEntry("camel.management.authenticationPath", "/observe/jolokia/*");
        Path users = Path.of(camel.getProperty("camel.management.basicPropertiesFile"));
        assertThat(Files.readString(users)).contains("user.ops=s3cret,operator");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
    }
}
