package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chief.support.Databases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Kinesis unreachable: each failed poll doubles the pause (up to the maximum), as a failed batch does. */
class ShardReaderBackoffTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableKinesisIsPolledLessAndLessOften() throws Exception {
        KinesisClient down = (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
                new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                    throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
                });
        try (Databases db = Databases.create()) {
            ShardReader reader = new ShardReader(new ConsumerSettings("app", "Stream", ShardIteratorType.TRIM_HORIZON, 100,
                    Duration.ofMillis(200), 100, Duration.ofSeconds(5), 3), new FakeKinesis().shard("shardId-0"), down,
                    new CheckpointStore(db.dataSource), batch -> batch.last(), new DeadLetters(dir, new SimpleMeterRegistry()),
                    new ConsumerMetrics(new SimpleMeterRegistry()));
            List<Long> pauses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(reader::step).hasMessageContaining("Connection refused");
                pauses.add(reader.backoff().toMillis());
            }
            assertThat(pauses).containsExactly(1000L, 2000L, 4000L, 5000L, 5000L);
        }
    }
}
