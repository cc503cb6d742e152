package com.chief.sink;

import com.chief.consume.Checkpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per shard, the items a handler keeps retrying ({@link RetryDuration}) while the shard's later
 * records go on, and the checkpoint it owes: a batch handled while an item is held returns no
 * checkpoint (the reader reads on, the stored checkpoint stays before the held item), and once the
 * shard holds nothing the last batch's checkpoint is given. After a restart the held item is read
 * again from that checkpoint; what went through meanwhile is recognised by the handler's own memory.
 */
public final class HeldForRetry<T> {

    private static final class Shard<T> {
        final Map<String, T> items = new LinkedHashMap<>();
        Checkpoint owed; // the last batch's checkpoint, not given while items were held
    }

    private final Map<String, Shard<T>> shards = new LinkedHashMap<>();

    public synchronized void hold(String shardId, String key, T item) {
        shard(shardId).items.put(key, item);
    }

    public synchronized void done(String shardId, String key) {
        shard(shardId).items.remove(key);
    }

    public synchronized boolean holds(String shardId, String key) {
        return shard(shardId).items.containsKey(key);
    }

    /** The items held for the shard, oldest first. */
    public synchronized List<Map.Entry<String, T>> of(String shardId) {
        return List.copyOf(shard(shardId).items.entrySet());
    }

    /** A batch up to {@code last} is handled: its checkpoint if the shard holds nothing, else null (owed). */
    public synchronized Checkpoint handled(String shardId, Checkpoint last) {
        Shard<T> shard = shard(shardId);
        if (shard.items.isEmpty()) {
            shard.owed = null;
            return last;
        }
        shard.owed = last;
        return null;
    }

    /** After retrying outside a batch: the checkpoint owed, once (when the shard just stopped holding anything). */
    public synchronized Checkpoint owed(String shardId) {
        Shard<T> shard = shard(shardId);
        if (!shard.items.isEmpty() || shard.owed == null) {
            return null;
        }
        Checkpoint owed = shard.owed;
        shard.owed = null;
        return owed;
    }

    /** The shard is no longer this instance's: forgets what it held and returns the keys. */
    public synchronized List<String> release(String shardId) {
        Shard<T> shard = shards.remove(shardId);
        return shard == null ? List.of() : List.copyOf(shard.items.keySet());
    }

    private Shard<T> shard(String shardId) {
        return shards.computeIfAbsent(shardId, id -> new Shard<>());
    }
}
