package com.chief.consume;

/**
 * The shard id a replay of dead letters hands its batches under: {@code replay:<shard>}. Handlers
 * keep per-shard state (what they buffer or hold for retry, and release per shard), so a replay
 * must not mix its records into a live shard's; what is recorded with the records (a job's shard)
 * is the record's own shard.
 */
public final class ReplayShards {

    private static final String PREFIX = "replay:";

    private ReplayShards() {
    }

    public static String of(String shardId) {
        return PREFIX + shardId;
    }

    /** The live shard a batch's records come from, replayed or not. */
    public static String original(String shardId) {
        return shardId != null && shardId.startsWith(PREFIX) ? shardId.substring(PREFIX.length()) : shardId;
    }
}
