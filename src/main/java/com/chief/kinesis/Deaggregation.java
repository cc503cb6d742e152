package com.chief.kinesis;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Unpacks a Kinesis record into the user records inside it, with KCL's own de-aggregation (a
 * record that is not a KPL aggregate comes back as itself). Warm-up records are dropped.
 */
public final class Deaggregation {

    private static final AggregatorUtil AGGREGATOR = new AggregatorUtil();

    private Deaggregation() {
    }

    /** For Camel's {@code aws2-kinesis} consumer: body and headers of one received record. */
    public static List<UserRecord> userRecords(byte[] body,
            @Header(Kinesis2Constants.SHARD_ID) String shardId,
            @Header(Kinesis2Constants.PARTITION_KEY) String partitionKey,
            @Header(Kinesis2Constants.SEQUENCE_NUMBER) String sequenceNumber,
            @Header(Kinesis2Constants.APPROX_ARRIVAL_TIME) Instant arrival) {
        KinesisClientRecord record = KinesisClientRecord.builder()
                .data(ByteBuffer.wrap(body))
                .partitionKey(partitionKey)
                .sequenceNumber(sequenceNumber)
                .approximateArrivalTimestamp(arrival)
                .build();
        return AGGREGATOR.deaggregate(List.of(record)).stream()
                .filter(user -> !WarmUpRecord.is(user.partitionKey()))
                .map(user -> new UserRecord(shardId, user.partitionKey(), user.sequenceNumber(), user.subSequenceNumber(),
                        arrival, bytes(user.data())))
                .toList();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
