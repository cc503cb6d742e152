package com.chief.kinesis;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Reads a whole stream from TRIM_HORIZON as stored (Kinesis records), and de-aggregates with KCL's
 * own code. For benchmarks, tests and checks of small streams, not for consumption.
 */
public final class StreamReader {

    private StreamReader() {
    }

    public static List<Record> kinesisRecords(KinesisClient kinesis, String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            all.addAll(shardRecords(kinesis, stream, shard));
        }
        return all;
    }

    // small pages: the single-threaded emulator answers a 10,000-record GetRecords of aggregated
    // records (up to 50 KB each) so slowly that the client's read timeout fires
    private static final int PAGE = 100;

    private static List<Record> shardRecords(KinesisClient kinesis, String stream, Shard shard) {
        List<Record> all = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current).limit(PAGE));
            all.addAll(response.records());
            if (response.records().isEmpty() && response.millisBehindLatest() != null
                    && response.millisBehindLatest() == 0) {
                break;
            }
            iterator = response.nextShardIterator();
        }
        return all;
    }

    /**
     * The user records a consumer delivers: each shard's records de-aggregated within its hash key
     * range, so an aggregate the KPL put on the wrong shard around a reshard (and put again on the
     * right one) counts once.
     */
    public static List<KinesisClientRecord> deliverableUserRecords(KinesisClient kinesis, String stream) {
        List<KinesisClientRecord> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            List<KinesisClientRecord> wrapped = shardRecords(kinesis, stream, shard).stream()
                    .map(KinesisClientRecord::fromRecord).toList();
            all.addAll(new AggregatorUtil().deaggregate(wrapped, shard.hashKeyRange().startingHashKey(),
                    shard.hashKeyRange().endingHashKey()));
        }
        return all;
    }

    public static List<KinesisClientRecord> userRecords(List<Record> records) {
        List<KinesisClientRecord> wrapped = records.stream().map(KinesisClientRecord::fromRecord).toList();
        return new AggregatorUtil().deaggregate(wrapped);
    }
}
