package com.chief.consume;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The batches a shard reader has still to hand over, in stream order. A batch that keeps failing
 * for its records' sake is split in halves, and a failing half again at once, until the failing
 * record is alone; only a record that fails the full number of attempts on its own is given up.
 * Halves keep the stream order, so what the handler sees stays in order.
 */
public final class PendingBatches {

    public enum Verdict { RETRY_LATER, SPLIT, GIVE_UP }

    private static final class Pending {
        final RecordBatch batch;
        final boolean half;
        int failures;

        Pending(RecordBatch batch, boolean half) {
            this.batch = batch;
            this.half = half;
        }
    }

    private final Deque<Pending> queue = new ArrayDeque<>();
    private final int attempts;

    /** {@code attempts}: failures of a whole batch before it is split, and of a lone record before it is given up. */
    public PendingBatches(int attempts) {
        this.attempts = Math.max(1, attempts);
    }

    public void add(RecordBatch batch) {
        queue.addLast(new Pending(batch, false));
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public RecordBatch next() {
        return queue.getFirst().batch;
    }

    public void done() {
        queue.removeFirst();
    }

    /** The next batch failed because of (some of) its records: what to do about it. */
    public Verdict failed() {
        Pending head = queue.getFirst();
        head.failures++;
        int size = head.batch.records().size();
        int allowed = head.half && size > 1 ? 1 : attempts; // the whole batch already showed the failure is not passing
        if (head.failures < allowed) {
            return Verdict.RETRY_LATER;
        }
        if (size == 1) {
            return Verdict.GIVE_UP;
        }
        queue.removeFirst();
        RecordBatch batch = head.batch;
        queue.addFirst(new Pending(slice(batch, size / 2, size), true));
        queue.addFirst(new Pending(slice(batch, 0, size / 2), true));
        return Verdict.SPLIT;
    }

    private static RecordBatch slice(RecordBatch batch, int from, int to) {
        return new RecordBatch(batch.application(), batch.stream(), batch.shardId(), batch.records().subList(from, to));
    }
}
