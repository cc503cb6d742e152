package com.chief.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagementSecurityTest {

    @Test
    void anExposedManagementPortWithoutALoginIsRefused() {
        assertThatThrownBy(() -> ManagementSecurity.login("0.0.0.0", "", ""))
                .hasMessageContaining("chief.management.host=0.0.0.0").hasMessageContaining("CHIEF_MANAGEMENT_PASSWORD");
        assertThatThrownBy(() -> ManagementSecurity.login("10.1.2.3", "ops", "")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void loopbackWithoutALoginIsAnonymous() {
        assertThat(ManagementSecurity.login("127.0.0.1", "", "")).isEmpty();
        assertThat(ManagementSecurity.login("localhost", "", "")).isEmpty();
    }

    @Test
    void theLoginIsCheckedAgainstAHashInMemory() {
        OperatorLogin login = ManagementSecurity.login("0.0.0.0", "ops", "s3cret").orElseThrow();
        assertThat(login.accepts(basic("ops:s3cret"))).isTrue();
        assertThat(login.accepts(basic("ops:s3cret!"))).isFalse();
        assertThat(login.accepts(basic("root:s3cret"))).isFalse();
        assertThat(login.accepts("Bearer x")).isFalse();
        assertThat(login.accepts(null)).isFalse();
        assertThat(login.toString()).doesNotContain("s3cret");
    }

    @Test
    void thePolicyIsReadOnlyWithoutALoginAndTakesHostsAndOriginsFromTheConfiguration() {
        String anonymous = new JolokiaPolicy(List.of("10.0.0.0/8"), List.of("https://ops.example:8443"), false).xml();
        assertThat(anonymous).contains("<host>10.0.0.0/8</host>").contains("<allow-origin>https://ops.example:8443</allow-origin>")
                .contains("<strict-checking/>").doesNotContain("<command>exec</command>").doesNotContain("127.0.0.1")
                .contains("<command>read</command>");
        String operator = new JolokiaPolicy(List.of("127.0.0.1"), List.of("http://127.0.0.1:8080"), true).xml();
        assertThat(operator).contains("<command>exec</command>").contains("<command>write</command>");
        assertThatThrownBy(() -> new JolokiaPolicy(List.of("127.0.0.1"), List.of(), true)).isInstanceOf(IllegalStateException.class);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
