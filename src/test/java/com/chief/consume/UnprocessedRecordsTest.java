package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.support.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnprocessedRecordsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final MovableClock clock = new MovableClock(T0.plusSeconds(100));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UnprocessedRecords unprocessed = new UnprocessedRecords(meters, clock);

    @Test
    void theOldestIsTheFirstRecordNoCheckpointCoversAndItsAgeCountsFromItsArrival() {
        unprocessed.arrived("order-archive", "shard-1", List.of(record("10", 0, 0), record("10", 1, 0), record("20", 0, 30)));

        assertThat(unprocessed.count("order-archive", "shard-1")).isEqualTo(3);
        assertThat(unprocessed.oldestArrival("order-archive", "shard-1")).contains(T0);
        assertThat(unprocessed.oldestAgeMillis("order-archive", "shard-1")).isEqualTo(100_000);

        // a checkpoint inside the KPL aggregate
        unprocessed.checkpointed("order-archive", "shard-1", new Checkpoint("10", 1));
        assertThat(unprocessed.count("order-archive", "shard-1")).isEqualTo(1);
        assertThat(unprocessed.oldestArrival("order-archive", "shard-1")).contains(T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(5));
        assertThat(unprocessed.oldestAgeMillis("order-archive", "shard-1")).isEqualTo(75_000);

        unprocessed.checkpointed("order-archive", "shard-1", new Checkpoint("20", 0));
        assertThat(unprocessed.count("order-archive", "shard-1")).isZero();
        assertThat(unprocessed.oldestArrival("order-archive", "shard-1")).isEmpty();
        assertThat(unprocessed.oldestAgeMillis("order-archive", "shard-1")).isZero();
    }

    @Test
    void recordsReadAgainAreNotCountedTwiceAndShardsAndApplicationsAreApart() {
        unprocessed.arrived("order-search", "shard-1", List.of(record("10", 0, 0), record("11", 0, 1)));
        unprocessed.arrived("order-search", "shard-1", List.of(record("11", 0, 1), record("12", 0, 2)));
        unprocessed.arrived("order-search", "shard-2", List.of(record("5", 0, 50)));
        unprocessed.arrived("order-factory", "shard-1", List.of(record("10", 0, 0)));

        assertThat(unprocessed.count("order-search", "shard-1")).isEqualTo(3);
        assertThat(unprocessed.count("order-search", "shard-2")).isEqualTo(1);
        unprocessed.checkpointed("order-factory", "shard-1", Checkpoint.SHARD_END);
        assertThat(unprocessed.count("order-factory", "shard-1")).isZero();
        assertThat(unprocessed.count("order-search", "shard-1")).isEqualTo(3);
    }

    @Test
    void aReleasedShardIsNoLongerThisInstancesBacklogAndTheGaugesSayWhatIsWaiting() {
        unprocessed.arrived("jobresult-notify", "shard-1", List.of(record("10", 0, 40), record("11", 0, 50)));

        assertThat(meters.get("chief.consumer.unprocessed.records").tag("application", "jobresult-notify")
                .tag("shard", "shard-1").gauge().value()).isEqualTo(2);
        assertThat(meters.get("chief.consumer.unprocessed.age.ms").tag("application", "jobresult-notify")
                .gauge().value()).isEqualTo(60_000);

        unprocessed.released("jobresult-notify", "shard-1");
        assertThat(meters.get("chief.consumer.unprocessed.records").gauge().value()).isZero();
        assertThat(meters.get("chief.consumer.unprocessed.age.ms").gauge().value()).isZero();
    }

    @Test
    void aRecordWithoutArrivalTimeCountsFromWhenItWasHandedOver() {
        unprocessed.arrived("order-search", "shard-1", List.of(new UserRecord("shard-1", "k", "10", 0, null, new byte[0])));
        clock.advance(Duration.ofSeconds(2));
        assertThat(unprocessed.oldestAgeMillis("order-search", "shard-1")).isEqualTo(2_000);
    }

    private static UserRecord record(String sequence, long sub, long arrivedSecondsAfterT0) {
        return new UserRecord("shard", "key", sequence, sub, T0.plusSeconds(arrivedSecondsAfterT0), new byte[0]);
    }
}
