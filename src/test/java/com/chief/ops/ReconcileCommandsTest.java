package com.chief.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rebuild and reconcile commands as API requests, and the hour ranges an operator can write. */
class ReconcileCommandsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:20:00Z"), ZoneOffset.UTC);

    @Test
    void rebuildIsAPostPerSinkWithItsRange() {
        OpsCommand.Request request = OpsCommand.request(List.of("rebuild", "search", "--from", "2026-12-06T08", "--to", "2026-12-06T10"));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("rebuild/search");
        assertThat(request.query()).containsEntry("from", "2026-12-06T08").containsEntry("to", "2026-12-06T10");
        assertThatThrownBy(() -> OpsCommand.request(List.of("rebuild", "notifications"))).hasMessageContaining("usage");
    }

    @Test
    void reconcileReadsAndRepairsOnlyWhenAsked() {
        assertThat(OpsCommand.request(List.of("reconcile")).method()).isEqualTo("GET");
        assertThat(OpsCommand.request(List.of("reconcile")).query()).containsEntry("from", "48");
        OpsCommand.Request repair = OpsCommand.request(List.of("reconcile", "--from", "6", "--repair"));
        assertThat(repair.method()).isEqualTo("POST");
        assertThat(repair.query()).containsEntry("repair", "true").containsEntry("from", "6");
    }

    @Test
    void rangesAreWholeArrivalHours() {
        assertThat(HourRange.parse("2026-12-06T08:15:00Z", "2026-12-06T09:10:00Z", clock))
                .isEqualTo(new HourRange(Instant.parse("2026-12-06T08:00:00Z"), Instant.parse("2026-12-06T10:00:00Z")));
        assertThat(HourRange.parse("2026-12-06T08", "2026-12-06T10", clock).hours()).hasSize(2);
        assertThat(HourRange.parse("3", null, clock))
                .isEqualTo(new HourRange(Instant.parse("2026-12-06T07:00:00Z"), Instant.parse("2026-12-06T11:00:00Z")));
        assertThat(HourRange.last(48, clock).hours()).hasSize(48);
        assertThatThrownBy(() -> HourRange.parse("yesterday", null, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
