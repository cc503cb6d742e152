package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.support.Databases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Around a reshard the KPL can put an aggregate on a shard that does not own all its records' hash
 * keys; it then puts those records again where they belong. Each shard's reader keeps only the
 * aggregates it owns, as KCL does, so every record is delivered once, in order.
 */
class ShardReaderHashKeyRangeTest {

    private static final BigInteger MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    private static final BigInteger MIDDLE = BigInteger.TWO.pow(127);

    @TempDir
    Path dir;

    @Test
    void anAggregateOnAShardThatDoesNotOwnItsHashKeysIsNotDeliveredAndItsRetriedRecordsAreDeliveredOnce() throws Exception {
        FakeKinesis stream = new FakeKinesis();
        Shard low = stream.shard("shardId-1", BigInteger.ZERO, MIDDLE.subtract(BigInteger.ONE));
        Shard high = stream.shard("shardId-2", MIDDLE, MAX);
        String inLow = "10";
        String inHigh = MIDDLE.add(BigInteger.TEN).toString();
        // the KPL's stale shard map put "a" and "b" together on the low shard...
        stream.putAggregate(low.shardId(), List.of(new String[] {"k-a", inLow, "a"}, new String[] {"k-b", inHigh, "b"}));
        // ...saw the wrong shard in the answer and put each again where it belongs, then went on with "c"
        stream.putAggregate(low.shardId(), List.of(new String[] {"k-a", inLow, "a"}, new String[] {"k-c", inLow, "c"}));
        stream.putAggregate(high.shardId(), List.<String[]>of(new String[] {"k-b", inHigh, "b"}));
        stream.close(low.shardId());
        stream.close(high.shardId());

        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        BatchHandler handler = batch -> {
            batch.records().forEach(r -> delivered.add(r.shardId() + ":" + new String(r.data(), StandardCharsets.UTF_8)));
            return batch.last();
        };
        try (Databases db = Databases.create()) {
            CheckpointStore checkpoints = new CheckpointStore(db.dataSource);
            for (Shard shard : List.of(low, high)) {
                ShardReader reader = reader(shard, stream, checkpoints, handler);
                assertThat(ShardReaderPoisonTest.stepUntil(reader, ShardReader.Step.FINISHED, 20)).isEqualTo(ShardReader.Step.FINISHED);
            }
        }

        assertThat(delivered).containsExactly("shardId-1:a", "shardId-1:c", "shardId-2:b");
    }

    private ShardReader reader(Shard shard, FakeKinesis stream, CheckpointStore checkpoints, BatchHandler handler) {
        return new ShardReader(new ConsumerSettings("app", "Stream", ShardIteratorType.TRIM_HORIZON, 100, Duration.ofMillis(10),
                100, Duration.ofMillis(10), 3), shard, stream.client(), checkpoints, handler,
                new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry()), new ConsumerMetrics(new SimpleMeterRegistry()));
    }
}
