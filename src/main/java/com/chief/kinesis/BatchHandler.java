package com.chief.kinesis;

/**
 * The seam between reading shards and processing records: a shard reader (Chief's polling
 * reader today, KCL leases next) hands each batch here and checkpoints only after this returns.
 * Throwing means "not processed": the same batch comes again.
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(RecordBatch batch) throws Exception;
}
