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
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                all.addAll(response.records());
                if (response.records().isEmpty() && response.millisBehindLatest() != null
                        && response.millisBehindLatest() == 0) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return all;
    }

    public static List<KinesisClientRecord> userRecords(List<Record> records) {
        List<KinesisClientRecord> wrapped = records.stream().map(KinesisClientRecord::fromRecord).toList();
        return new AggregatorUtil().deaggregate(wrapped);
    }
}
