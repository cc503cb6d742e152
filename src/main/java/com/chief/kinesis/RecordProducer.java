package com.chief.kinesis;

import java.util.concurrent.CompletableFuture;

/** Puts records on a Kinesis stream. {@link #send} blocks while too many records are in flight (back-pressure). */
public interface RecordProducer {

    /** The most Kinesis takes in one record: data and partition key together. */
    int MAX_RECORD_BYTES = 1024 * 1024;

    /**
     * Completes when Kinesis has acknowledged the record, or exceptionally with
     * {@link RecordRejectedException} once every attempt has failed.
     */
    CompletableFuture<ProducedRecord> send(String stream, String partitionKey, byte[] data) throws InterruptedException;

    /** Sends whatever is buffered now instead of waiting for the buffer time. */
    void flush();
}
