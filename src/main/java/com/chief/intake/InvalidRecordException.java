package com.chief.intake;

/** Thrown inside a parser to reject the record being parsed; becomes {@link ParsedRecord.Rejected}. */
final class InvalidRecordException extends RuntimeException {

    private final RejectReason reason;

    InvalidRecordException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    ParsedRecord.Rejected toRejected() {
        return new ParsedRecord.Rejected(reason, getMessage());
    }
}
