package com.chief.consume;

/** The streams Chief consumes, by what they carry; their names are configuration (chief.kinesis.*-stream). */
public enum ConsumedStream {
    ORDERS, JOB_RESULTS
}
