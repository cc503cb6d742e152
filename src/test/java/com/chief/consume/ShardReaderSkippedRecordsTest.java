package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.kinesis.WarmUpRecord;
import com.chief.support.Databases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A stream whose last record is one the reader skips (the KPL warm-up record every Chief start
 * sends) is still read to its end: the checkpoint moves past it once the handler holds nothing.
 */
class ShardReaderSkippedRecordsTest {

    @TempDir
    Path dir;

    private final FakeKinesis stream = new FakeKinesis();
    private final Shard shard = stream.shard("shardId-0");
    private Databases db;
    private CheckpointStore checkpoints;
    private Checkpoint lastHandedOver;

    @BeforeEach
    void open() {
        db = Databases.create();
        checkpoints = new CheckpointStore(db.dataSource);
        stream.put(shard.shardId(), "k-1", "1");
        stream.put(shard.shardId(), "k-2", "2");
        stream.put(shard.shardId(), WarmUpRecord.PARTITION_KEY, "warm-up");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void aHandlerThatKeepsNothingGetsTheCheckpointPastTheSkippedTail() throws Exception {
        reader(new BatchHandler() {
            @Override
            public Checkpoint handle(RecordBatch batch) {
                lastHandedOver = batch.last();
                return batch.last();
            }
        }).step();

        assertThat(sequence(checkpoints.load("app", "Stream", shard.shardId()).orElseThrow()))
                .as("past k-2, at the warm-up record").isGreaterThan(sequence(lastHandedOver));
    }

    @Test
    void aBufferingHandlersRecordsAreNeverSkippedPastUntilItHasWrittenThem() throws Exception {
        AtomicBoolean written = new AtomicBoolean();
        ShardReader reader = reader(new BatchHandler() {
            @Override
            public Checkpoint handle(RecordBatch batch) {
                lastHandedOver = batch.last();
                return null; // holds them, as the archive does until it writes
            }

            @Override
            public Checkpoint idle(String shardId) {
                return written.get() ? lastHandedOver : null;
            }
        });
        reader.step();
        assertThat(checkpoints.load("app", "Stream", shard.shardId())).as("the handler still holds k-1 and k-2").isEmpty();

        written.set(true);
        reader.step();
        assertThat(sequence(checkpoints.load("app", "Stream", shard.shardId()).orElseThrow()))
                .as("written, then past the warm-up record").isGreaterThan(sequence(lastHandedOver));
    }

    private static BigInteger sequence(Checkpoint checkpoint) {
        return new BigInteger(checkpoint.sequenceNumber());
    }

    private ShardReader reader(BatchHandler handler) {
        return stream.reader(shard, checkpoints, handler, dir.resolve("dead-letter"), 100);
    }
}
