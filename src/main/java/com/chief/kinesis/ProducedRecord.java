package com.chief.kinesis;

/** Where Kinesis put a record (for an aggregated record: the aggregate's sequence number). */
public record ProducedRecord(String shardId, String sequenceNumber, int attempts) {
}
