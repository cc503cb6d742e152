package com.chief.kinesis;

/** Kinesis did not accept a record after every attempt; the message says why (the last error). */
public class RecordRejectedException extends RuntimeException {

    public RecordRejectedException(String message) {
        super(message);
    }
}
