package com.chief.consume;

import java.time.Instant;

/** One record as its producer put it: a KPL aggregate holds many, each with its sub-sequence number. */
public record UserRecord(String shardId, String partitionKey, String sequenceNumber, long subSequenceNumber,
        Instant arrival, byte[] data) {
}
