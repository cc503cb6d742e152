package com.chief.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Files whose records Kinesis did not all accept, or that an I/O error stopped, stay in the inbox
 * and are tried again after a growing pause; this filter hides them from the file consumer until then. After the last attempt
 * the intake moves the file to the error folder instead. The S3 inbox asks {@link #ready} the same way.
 */
public final class IntakeRetries implements GenericFileFilter<Object> {

    private record Waiting(int attempts, Instant notBefore) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final int maxAttempts;
    private final Duration firstDelay;
    private final Clock clock;

    public IntakeRetries(int maxAttempts, Duration firstDelay, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.firstDelay = firstDelay;
        this.clock = clock;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        return ready(file.getAbsoluteFilePath());
    }

    /** Whether a source (by its location) may be read now: never failed, or its pause is over. */
    boolean ready(String location) {
        Waiting entry = waiting.get(location);
        return entry == null || !clock.instant().isBefore(entry.notBefore());
    }

    /** Records a failed attempt; returns the attempt number, or -1 if that was the last one. */
    int failed(String absolutePath) {
        Waiting entry = waiting.merge(absolutePath, new Waiting(1, next(1)),
                (old, first) -> new Waiting(old.attempts() + 1, next(old.attempts() + 1)));
        if (entry.attempts() >= maxAttempts) {
            waiting.remove(absolutePath);
            return -1;
        }
        return entry.attempts();
    }

    Duration delayAfter(int attempt) {
        return firstDelay.multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** Hides a file that can be neither archived nor set aside until Chief restarts, instead of reading it again and again. */
    void giveUp(String absolutePath) {
        waiting.put(absolutePath, new Waiting(maxAttempts, Instant.MAX));
    }

    void done(String absolutePath) {
        waiting.remove(absolutePath);
    }

    private Instant next(int attempt) {
        return clock.instant().plus(delayAfter(attempt));
    }
}
