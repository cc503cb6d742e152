package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.support.Databases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A reader that is behind holds one fetch in memory: with KPL aggregates of hundreds of orders, a fixed
 * {@code maxRecordsPerPoll} of them would be ~90,000 records per reader. It asks for as many Kinesis
 * records as hold about ten batches at the aggregation it last saw, and plain records as before.
 */
class ShardReaderFetchSizeTest {

    private static final int BATCH = 100; // the fake's readers ask for at most 100 Kinesis records

    @TempDir
    Path dir;

    @Test
    void aggregatesOfTwoHundredAreFetchedFiveAtATimeAndEachRecordIsDeliveredOnce() throws Exception {
        FakeKinesis stream = new FakeKinesis();
        Shard shard = stream.shard("shardId-1");
        for (int aggregate = 0; aggregate < 30; aggregate++) {
            List<String[]> users = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                users.add(new String[] {"k-" + aggregate + "-" + i, "1", aggregate + "-" + i});
            }
            stream.putAggregate(shard.shardId(), users);
        }
        stream.close(shard.shardId());

        List<String> delivered = readAll(stream, shard);

        assertThat(delivered).hasSize(6_000).doesNotHaveDuplicates();
        // 10 at first (100 orders per record assumed: 1,000 records), then 1,000 records / 200 per aggregate
        assertThat(stream.limitsAsked.subList(0, 3)).containsExactly(10, 5, 5);
    }

    @Test
    void plainRecordsAreFetchedUpToTheConfiguredMaximum() throws Exception {
        FakeKinesis stream = new FakeKinesis();
        Shard shard = stream.shard("shardId-1");
        for (int i = 0; i < 250; i++) {
            stream.put(shard.shardId(), "k-" + i, "plain-" + i);
        }
        stream.close(shard.shardId());

        List<String> delivered = readAll(stream, shard);

        assertThat(delivered).hasSize(250).doesNotHaveDuplicates();
        assertThat(stream.limitsAsked.subList(0, 3)).containsExactly(10, 100, 100);
    }

    private List<String> readAll(FakeKinesis stream, Shard shard) throws Exception {
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        BatchHandler handler = batch -> {
            batch.records().forEach(r -> delivered.add(new String(r.data(), StandardCharsets.UTF_8)));
            return batch.last();
        };
        try (Databases db = Databases.create()) {
            ShardReader reader = stream.reader(shard, new CheckpointStore(db.dataSource), handler, dir.resolve("dead-letter"), BATCH);
            assertThat(ShardReaderPoisonTest.stepUntil(reader, ShardReader.Step.FINISHED, 200)).isEqualTo(ShardReader.Step.FINISHED);
        }
        return delivered;
    }
}
