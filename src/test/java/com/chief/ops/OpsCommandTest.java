package com.chief.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsCommandTest {

    @Test
    void deadLettersAndTraceBecomeTheirApiRequests() {
        assertThat(OpsCommand.request(List.of("dead-letters", "list"))).isEqualTo(new OpsCommand.Request("GET", "dead-letters", Map.of()));
        assertThat(OpsCommand.request(List.of("dead-letters", "replay", "jobresult-notify", "--since", "2026-12-06T10:00:00Z",
                "--id", "web-1"))).isEqualTo(new OpsCommand.Request("POST", "dead-letters/jobresult-notify/replay",
                        Map.of("since", "2026-12-06T10:00:00Z", "id", "web-1")));
        // an id from anywhere stays one path segment
        assertThat(OpsCommand.request(List.of("trace", "../x y/z")).path()).isEqualTo("orders/..%2Fx%20y%2Fz");
    }

    @Test
    void aWrongCommandLineGetsItsUsage() {
        assertThatThrownBy(() -> OpsCommand.request(List.of("dead-letters", "replay"))).hasMessageContaining("dead-letters replay APPLICATION");
        assertThatThrownBy(() -> OpsCommand.request(List.of("dead-letters", "replay", "x", "--force"))).hasMessageContaining("usage");
        assertThatThrownBy(() -> OpsCommand.request(List.of("trace"))).hasMessageContaining("trace ORDER_ID");
    }
}
