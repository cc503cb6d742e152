package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.sink.s3.ArchiveLayout;
import com.chief.sink.s3.ArchiveObject;
import com.chief.sink.s3.LateArchiveHours;
import com.chief.sink.s3.S3ArchiveWriter;
import com.chief.support.Databases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A polling consumer stopped (its ownership taken by another instance, or fenced) lets go of what a
 * buffering handler holds for its shards: written later, that stale buffer could overwrite under an
 * old key what the new owner wrote.
 */
class PollingStreamConsumerReleaseTest {

    @TempDir
    Path dir;

    @Test
    void aStoppedConsumerReleasesWhatTheHandlerHoldsForEachShard() throws Exception {
        FakeKinesis stream = new FakeKinesis();
        for (String shard : List.of("shardId-0", "shardId-1")) {
            stream.shard(shard);
            for (int i = 0; i < 5; i++) {
                stream.put(shard, shard + "-o-" + i, "{\"orderId\":\"" + shard + "-o-" + i + "\"}");
            }
        }
        try (Databases db = Databases.create()) {
            List<ArchiveObject> written = new CopyOnWriteArrayList<>();
            AtomicInteger handled = new AtomicInteger();
            S3ArchiveWriter archive = new S3ArchiveWriter("order-archive", ArchiveLayout.ORDERS,
                    new S3ArchiveWriter.FlushPolicy(1000, 50_000_000, Duration.ofHours(1)), false,
                    new BatchDeduplicator(db.dataSource), DedupeKeys::order, written::add, new LateArchiveHours(db.dataSource));
            BatchHandler counting = new BatchHandler() {
                @Override
                public Checkpoint handle(RecordBatch batch) throws Exception {
                    Checkpoint safe = archive.handle(batch);
                    handled.addAndGet(batch.records().size());
                    return safe;
                }

                @Override
                public void release(String shardId) {
                    archive.release(shardId);
                }

                @Override
                public Checkpoint endOfShard(String shardId) throws Exception {
                    return archive.endOfShard(shardId);
                }
            };
            PollingStreamConsumer consumer = new PollingStreamConsumer(new ConsumerSettings("order-archive", "Stream",
                    ShardIteratorType.TRIM_HORIZON, 100, Duration.ofMillis(50), 100, Duration.ofMillis(200), 3),
                    stream.client(), new CheckpointStore(db.dataSource), counting,
                    new DeadLetters(dir, new SimpleMeterRegistry()), new ConsumerMetrics(new SimpleMeterRegistry()));
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == 10);
            consumer.stop();

            // what this instance held is no longer its to write: a later flush finds nothing
            assertThat(archive.endOfShard("shardId-0")).isNull();
            assertThat(archive.endOfShard("shardId-1")).isNull();
            assertThat(written).isEmpty();
        }
    }
}
