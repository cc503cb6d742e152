package com.chief.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the acknowledgements of one file's records without keeping a future per record (a file
 * may hold millions), and remembers the first few failures with their reasons.
 */
final class AckTracker {

    private static final int FAILURES_KEPT = 10;

    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private final Object done = new Object();

    void track(String recordId, CompletableFuture<?> ack) {
        outstanding.incrementAndGet();
        ack.whenComplete((ok, error) -> {
            if (error == null) {
                produced.incrementAndGet();
            } else {
                failed.incrementAndGet();
                synchronized (failures) {
                    if (failures.size() < FAILURES_KEPT) {
                        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                                ? error.getCause() : error;
                        failures.add(recordId + ": " + cause.getMessage());
                    }
                }
            }
            if (outstanding.decrementAndGet() == 0) {
                synchronized (done) {
                    done.notifyAll();
                }
            }
        });
    }

    void awaitAll(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (done) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(outstanding.get() + " records still unacknowledged after " + timeout.toSeconds() + " s");
                }
                done.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    long produced() {
        return produced.get();
    }

    long failed() {
        return failed.get();
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }
}
