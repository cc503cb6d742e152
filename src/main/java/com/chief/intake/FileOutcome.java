package com.chief.intake;

import java.util.List;

/** What became of one file's records. {@code error} is set when the file could not be read through. */
record FileOutcome(long read, long produced, long rejected, long failed, List<String> failures, String error) {

    boolean complete() {
        return failed == 0 && error == null;
    }

    String problem() {
        if (error != null) {
            return error;
        }
        return failed + " of " + (read - rejected) + " valid records were not accepted by Kinesis; first: " + failures;
    }
}
