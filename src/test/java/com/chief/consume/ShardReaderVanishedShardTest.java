package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chief.support.Databases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A shard that expired past the stream's retention (no longer listed, and Kinesis answers
 * ResourceNotFoundException for it) is finished: its checkpoint becomes SHARD_END so its children
 * are read, instead of backing off forever.
 */
class ShardReaderVanishedShardTest {

    @TempDir
    Path dir;

    private final FakeKinesis stream = new FakeKinesis();
    private final Shard shard = stream.shard("shardId-0");
    private Databases db;
    private CheckpointStore checkpoints;
    private final List<String> seen = new ArrayList<>();
    private final AtomicInteger flushes = new AtomicInteger();
    private final BatchHandler handler = new BatchHandler() {
        @Override
        public Checkpoint handle(RecordBatch batch) {
            batch.records().forEach(r -> seen.add(r.partitionKey()));
            return null; // holds them, as the archive does until it writes
        }

        @Override
        public Checkpoint endOfShard(String shardId) {
            flushes.incrementAndGet();
            return null;
        }
    };

    @BeforeEach
    void open() {
        db = Databases.create();
        checkpoints = new CheckpointStore(db.dataSource);
        stream.put(shard.shardId(), "k-1", "1");
        stream.put(shard.shardId(), "k-2", "2");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void aShardThatExpiredWhileBeingReadIsFinishedAfterItsHeldRecordsAreFlushed() throws Exception {
        ShardReader reader = reader();
        assertThat(reader.step()).isEqualTo(ShardReader.Step.IDLE);
        assertThat(seen).containsExactly("k-1", "k-2");

        stream.expire(shard.shardId());
        assertThat(ShardReaderPoisonTest.stepUntil(reader, ShardReader.Step.FINISHED, 5)).isEqualTo(ShardReader.Step.FINISHED);

        assertThat(flushes.get()).as("what the handler held was made durable first").isEqualTo(1);
        assertThat(checkpoints.load("app", "Stream", shard.shardId())).contains(Checkpoint.SHARD_END);
    }

    @Test
    void aShardThatExpiredBeforeItWasResumedIsFinished() throws Exception {
        checkpoints.save("app", "Stream", shard.shardId(), new Checkpoint("1000", 0));
        stream.expire(shard.shardId());

        assertThat(ShardReaderPoisonTest.stepUntil(reader(), ShardReader.Step.FINISHED, 5)).isEqualTo(ShardReader.Step.FINISHED);

        assertThat(seen).isEmpty();
        assertThat(checkpoints.load("app", "Stream", shard.shardId())).contains(Checkpoint.SHARD_END);
    }

    @Test
    void aShardStillListedIsNotGivenUpWhenKinesisSaysItIsNotFound() throws Exception {
        ShardReader reader = reader();
        reader.step();
        stream.answerNotFound(shard.shardId()); // yet still listed: not known to be gone, so retried with back-off
        assertThatThrownBy(reader::step).isInstanceOf(ResourceNotFoundException.class);
        assertThat(checkpoints.load("app", "Stream", shard.shardId())).isEmpty();
    }

    private ShardReader reader() {
        return stream.reader(shard, checkpoints, handler, dir.resolve("dead-letter"), 100);
    }
}
