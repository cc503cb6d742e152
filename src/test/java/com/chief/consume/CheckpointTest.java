package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final List<String> SEQUENCES = List.of("0", "9", "10", "49590338271490256608559692538361571095921575989136588898",
            "49590338271490256608559692538361571095921575989136588899", "49590338271490256608559692540925702759324208523137515618",
            "5", "100000000000000000000000000000000000000000000000000000", "99999999999999999999999999999999999999999999999999999");

    @Test
    void comparesSequenceNumbersAsNumbers() {
        for (String a : SEQUENCES) {
            for (String b : SEQUENCES) {
                assertThat(Integer.signum(Checkpoint.compareSequenceNumbers(a, b))).as(a + " vs " + b)
                        .isEqualTo(new BigInteger(a).compareTo(new BigInteger(b)));
            }
        }
    }

    @Test
    void coversTheRecordsUpToItsSubSequence() {
        Checkpoint checkpoint = new Checkpoint("200", 3);
        assertThat(checkpoint.covers("99", 9)).isTrue();
        assertThat(checkpoint.covers("200", 3)).isTrue();
        assertThat(checkpoint.covers("200", 4)).isFalse();
        assertThat(checkpoint.covers("1000", 0)).isFalse();
        assertThat(Checkpoint.SHARD_END.covers("1000", 0)).isTrue();
    }
}
