package com.chief.intake;

/** The outcome of parsing and validating one raw record. */
public sealed interface ParsedRecord {

    /** A valid record: its id (also the partition key, so all events of one order share a shard) and its JSON. */
    record Accepted(String id, byte[] json) implements ParsedRecord {
    }

    record Rejected(RejectReason reason, String detail) implements ParsedRecord {
        public String message() {
            return reason.text() + ": " + detail;
        }
    }
}
