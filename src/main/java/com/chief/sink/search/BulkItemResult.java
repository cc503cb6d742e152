package com.chief.sink.search;

/** The engine's answer for one item of a bulk request; {@code errorType} is null when it was indexed. */
public record BulkItemResult(int status, String index, String errorType, String errorReason) {

    public boolean failed() {
        return errorType != null;
    }

    /** A refused external version: an older status that must not overwrite a newer one. */
    public boolean versionConflict() {
        return status == 409;
    }

    /** Throttling or a server error: the same request may succeed later. */
    public boolean retryable() {
        return status == 429 || status >= 500;
    }

    public String describe() {
        return status + " " + errorType + ": " + errorReason;
    }
}
