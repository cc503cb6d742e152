package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @TempDir
    Path dir;

    @Test
    void aSecretInTheWorkingDirectoryFileIsRefusedNamingTheEnvironmentVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), """
                chief.db.user=chief
                chief.db.password=hunter2
                chief.search.password=s3cret
                chief.management.password=ops
                camel.component.smtp.password=mail
                """);
        assertThatThrownBy(() -> SecretKeys.refuseIn(file))
                .hasMessageContaining("chief.db.password (set CHIEF_DB_PASSWORD in the environment instead)")
                .hasMessageContaining("CHIEF_SEARCH_PASSWORD").hasMessageContaining("CHIEF_MANAGEMENT_PASSWORD")
                .hasMessageContaining("CAMEL_COMPONENT_SMTP_PASSWORD")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("chief.db.user");
    }

    @Test
    void emptySecretsAndOrdinaryKeysPass() throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), "chief.db.password=\nchief.db.user=chief\n");
        assertThatNoException().isThrownBy(() -> SecretKeys.refuseIn(file));
        assertThatNoException().isThrownBy(() -> SecretKeys.refuseIn(Path.of("src/main/resources/application.properties")));
        assertThatNoException().isThrownBy(() -> SecretKeys.refuseIn(Path.of("src/main/resources/application-aws.properties")));
        assertThatNoException().isThrownBy(() -> SecretKeys.refuseIn(Path.of("application.properties")));
    }

    @Test
    void secretKeysAreRecognisedByTheirLastPart() {
        assertThat(SecretKeys.isSecret("camel.component.aws2-s3.secret-key")).isTrue();
        assertThat(SecretKeys.isSecret("camel.component.foo.accessToken")).isTrue();
        assertThat(SecretKeys.isSecret("chief.management.user")).isFalse();
        assertThat(SecretKeys.isSecret("chief.kinesis.producer.record-ttl-ms")).isFalse();
    }
}
