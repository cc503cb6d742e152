package com.chief.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MinuteCountsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void countsLandInTheirMinuteAndTheHourEndsWithTheCurrentOne() {
        MinuteCounts counts = new MinuteCounts();
        counts.add(T0.plusSeconds(5), 3);
        counts.add(T0.plusSeconds(59), 4);
        counts.add(T0.plusSeconds(60), 10);

        long[] hour = counts.lastHour(T0.plusSeconds(90));
        assertThat(hour).hasSize(60);
        assertThat(hour[59]).isEqualTo(10);
        assertThat(hour[58]).isEqualTo(7);
        assertThat(sum(hour)).isEqualTo(17);
    }

    @Test
    void aMinuteOlderThanAnHourReadsZeroAndItsBucketIsReusedAfresh() {
        MinuteCounts counts = new MinuteCounts();
        counts.add(T0, 5);
        assertThat(counts.lastHour(T0.plus(Duration.ofMinutes(59)))[0]).isEqualTo(5);
        assertThat(sum(counts.lastHour(T0.plus(Duration.ofMinutes(60))))).isZero();

        counts.add(T0.plus(Duration.ofMinutes(60)), 2); // same bucket, an hour later
        long[] hour = counts.lastHour(T0.plus(Duration.ofMinutes(60)));
        assertThat(hour[59]).isEqualTo(2);
        assertThat(sum(hour)).isEqualTo(2);
    }

    @Test
    void aSampledCounterBooksItsIncreaseToTheMinuteOfTheSampleFromTheFirstSampleOn() {
        AtomicLong total = new AtomicLong(1000); // counted before sampling began: in no minute
        CounterHistory history = new CounterHistory(total::get);
        history.sample(T0);
        total.addAndGet(30);
        history.sample(T0.plusSeconds(10));
        total.addAndGet(12);
        history.sample(T0.plusSeconds(70));
        history.sample(T0.plusSeconds(80)); // nothing new

        long[] hour = history.lastHour(T0.plusSeconds(80));
        assertThat(hour[58]).isEqualTo(30);
        assertThat(hour[59]).isEqualTo(12);
        assertThat(sum(hour)).isEqualTo(42);

        total.set(5); // a meter went away: a new baseline, no negative minute
        history.sample(T0.plusSeconds(90));
        total.addAndGet(1);
        history.sample(T0.plusSeconds(100));
        assertThat(history.lastHour(T0.plusSeconds(100))[59]).isEqualTo(13);
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
