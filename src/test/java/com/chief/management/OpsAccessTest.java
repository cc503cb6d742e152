package com.chief.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpsAccessTest {

    private static final List<String> HOSTS = List.of("127.0.0.1", "::1");
    private static final List<String> ORIGINS = List.of("http://127.0.0.1:8080");

    @Test
    void withoutALoginReadsAreOpenAndActionsRefused() {
        OpsAccess access = new OpsAccess(HOSTS, ORIGINS, Optional.empty());
        assertThat(access.refusal("127.0.0.1", null, null, false)).isNull();
        assertThat(access.refusal("127.0.0.1", null, null, true)).contains("need a login");
    }

    @Test
    void withALoginEveryRequestMustCarryIt() {
        OpsAccess access = new OpsAccess(HOSTS, ORIGINS, Optional.of(new OperatorLogin("ops", "s3cret")));
        assertThat(access.refusal("127.0.0.1", null, null, false)).startsWith("login");
        assertThat(access.refusal("127.0.0.1", null, basic("ops", "wrong"), true)).startsWith("login");
        assertThat(access.refusal("127.0.0.1", null, basic("ops", "s3cret"), true)).isNull();
    }

    @Test
    void otherClientsAndPagesAreRefusedEvenWithTheLogin() {
        OpsAccess access = new OpsAccess(HOSTS, ORIGINS, Optional.of(new OperatorLogin("ops", "s3cret")));
        assertThat(access.refusal("10.0.0.7", null, basic("ops", "s3cret"), false)).contains("remote-hosts");
        assertThat(access.refusal("0:0:0:0:0:0:0:1", null, basic("ops", "s3cret"), false)).isNull();
        assertThat(access.refusal("127.0.0.1", "http://evil.example", basic("ops", "s3cret"), false)).contains("allowed-origins");
        assertThat(access.refusal("127.0.0.1", OpsAccess.origin(null, "http://evil.example/page"), basic("ops", "s3cret"), false))
                .contains("allowed-origins");
        assertThat(access.refusal("127.0.0.1", OpsAccess.origin(null, "http://127.0.0.1:8080/status"), basic("ops", "s3cret"), false))
                .isNull();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
