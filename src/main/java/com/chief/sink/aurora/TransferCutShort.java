package com.chief.sink.aurora;

import java.io.IOException;

/**
 * An object's body from S3 failed or ended before its Content-Length was received: the transfer is
 * at fault, not the object ({@link LoadFailures} stops the run; the next one reads it again).
 */
final class TransferCutShort extends IOException {

    TransferCutShort(String key, long received, long expected, Throwable cause) {
        super("the GET of " + key + " broke off after " + received + " of " + expected + " bytes", cause);
    }
}
