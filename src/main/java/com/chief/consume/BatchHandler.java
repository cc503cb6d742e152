package com.chief.consume;

/**
 * The seam between reading shards and processing records: a shard reader (Chief's polling
 * reader today, KCL leases next) hands each batch here and stores the checkpoint this returns.
 * Throwing means "not processed": the same batch comes again. A handler that buffers (the S3
 * archive) returns the position up to which its records are durable, or null while it holds them.
 */
public interface BatchHandler {

    /** Processes a batch; returns the checkpoint now safe to store (usually {@code batch.last()}), or null. */
    Checkpoint handle(RecordBatch batch) throws Exception;

    /** The shard had nothing new: a chance to flush by age. Returns a checkpoint to store, or null. */
    default Checkpoint idle(String shardId) throws Exception {
        return null;
    }

    /**
     * This instance starts reading the shard (a polling reader started, a KCL lease taken), before the
     * shard's first batch: a handler takes up here the work an earlier reader of the shard left
     * unfinished (this instance before a crash, or another that died). Throwing: asked again.
     */
    default void take(String shardId) throws Exception {
    }

    /**
     * This instance no longer reads the shard (a KCL lease lost, or taken afresh): forget what is
     * held for it, unwritten. The shard's next reader replays it from the last checkpoint; writing it
     * later could overwrite what that reader wrote under the same deterministic key.
     */
    default void release(String shardId) {
    }

    /** The shard is closed and read to its end: everything held must be made durable now. */
    default Checkpoint endOfShard(String shardId) throws Exception {
        return null;
    }
}
