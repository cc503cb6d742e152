package com.chief.sink.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;

/** Object keys {@code <prefix>/yyyy/MM/dd/HH/<shardId>-<sequenceNumber>.json}, hour in UTC. */
public final class ArchiveKeys {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private ArchiveKeys() {
    }

    public static String orderKey(@Header(Kinesis2Constants.SHARD_ID) String shardId,
            @Header(Kinesis2Constants.SEQUENCE_NUMBER) String sequenceNumber,
            @Header(Kinesis2Constants.APPROX_ARRIVAL_TIME) Instant arrival) {
        return key("orders", shardId, sequenceNumber, arrival);
    }

    static String key(String prefix, String shardId, String sequenceNumber, Instant eventTime) {
        return prefix + "/" + HOUR.format(eventTime) + "/" + shardId + "-" + sequenceNumber + ".json";
    }
}
