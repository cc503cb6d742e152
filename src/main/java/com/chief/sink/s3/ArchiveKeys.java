package com.chief.sink.s3;

import com.chief.kinesis.UserRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Object keys {@code <prefix>/yyyy/MM/dd/HH/<shardId>-<sequenceNumber>-<subSequence>.json}, hour in UTC. */
public final class ArchiveKeys {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private ArchiveKeys() {
    }

    public static String orderKey(UserRecord record) {
        return key("orders", record.shardId(), record.sequenceNumber(), record.subSequenceNumber(), record.arrival());
    }

    static String key(String prefix, String shardId, String sequenceNumber, long subSequence, Instant time) {
        return prefix + "/" + HOUR.format(time) + "/" + shardId + "-" + sequenceNumber + "-" + subSequence + ".json";
    }
}
