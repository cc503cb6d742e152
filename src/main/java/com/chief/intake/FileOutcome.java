package com.chief.intake;

import java.util.List;

/**
 * What became of one file's records. {@code error} is set when the file could not be read through;
 * {@code retryable} says whether another attempt may do better (Kinesis did not take everything,
 * an I/O error) or never will (the file itself is the problem).
 */
record FileOutcome(long read, long produced, long rejected, long failed, List<String> failures, String error, boolean retryable) {

    boolean complete() {
        return failed == 0 && error == null;
    }

    String problem() {
        if (error != null) {
            return error;
        }
        return failed + " of " + (read - rejected) + " valid records were not accepted by Kinesis; first: " + failures;
    }

    /** Counts while a file is read, then becomes its outcome. */
    static final class Counter {
        long read;
        long rejected;

        FileOutcome done(AckTracker acks) {
            return outcome(acks, null, acks.failed() > 0);
        }

        /** Kinesis or the disk failed, not the file: another attempt may go through. */
        FileOutcome failedForNow(AckTracker acks, String error) {
            return outcome(acks, error, true);
        }

        FileOutcome unreadable(AckTracker acks, String error) {
            return outcome(acks, error, false);
        }

        private FileOutcome outcome(AckTracker acks, String error, boolean retryable) {
            return new FileOutcome(read, acks.produced(), rejected, acks.failed(), acks.failures(), error, retryable);
        }
    }
}
