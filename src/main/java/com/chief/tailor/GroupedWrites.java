package com.chief.tailor;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Items written to the database in groups, one group at a time, on an executor: an item added while a
 * write is running waits for the next one, so under load many share a transaction (one round trip per
 * group instead of per item) and at rest each is written at once, with no timer and no added wait.
 * Items are written in the order they were added.
 */
final class GroupedWrites<T> {

    /** Writes one group in one go; throws if none of it could be written. */
    @FunctionalInterface
    interface Writer<T> {
        void write(List<T> group) throws Exception;
    }

    /** What to do with a group whose write failed (try again later, leave it to a sweep). */
    @FunctionalInterface
    interface Failure<T> {
        void failed(List<T> group, Exception cause);
    }

    private final Executor executor;
    private final int maxGroup;
    private final Writer<T> writer;
    private final Failure<T> failure;
    private final Queue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Held while a group is written, so {@link #flush} waits for a write under way. */
    private final Object lock = new Object();

    GroupedWrites(Executor executor, int maxGroup, Writer<T> writer, Failure<T> failure) {
        this.executor = executor;
        this.maxGroup = maxGroup;
        this.writer = writer;
        this.failure = failure;
    }

    void add(T item) {
        pending.add(item);
        schedule();
    }

    /** Writes everything added so far on the caller's thread (at a stop), after the write under way if any. */
    void flush() {
        synchronized (lock) { // a group under way has left pending already: its write ends first
            while (!pending.isEmpty()) {
                writeGroup();
            }
        }
    }

    private void schedule() {
        if (!pending.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                executor.execute(this::writeAndGoOn);
            } catch (RejectedExecutionException stopped) {
                writing.set(false); // stopping: what is left is written by flush, or found by the sweep after a restart
            }
        }
    }

    /** One group, then the next as a task of its own, so robot timers sharing the executor are not held up. */
    private void writeAndGoOn() {
        try {
            writeGroup();
        } finally {
            writing.set(false);
            schedule();
        }
    }

    private void writeGroup() {
        synchronized (lock) {
            List<T> group = new ArrayList<>();
            for (T item; group.size() < maxGroup && (item = pending.poll()) != null; ) {
                group.add(item);
            }
            if (group.isEmpty()) {
                return;
            }
            try {
                writer.write(group);
            } catch (Exception e) {
                failure.failed(group, e);
            }
        }
    }
}
