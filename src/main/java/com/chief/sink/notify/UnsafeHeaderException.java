package com.chief.sink.notify;

/**
 * A value bound for an e-mail header (To, Subject, Message-ID) holds a line break or NUL: sent, it
 * would add headers or recipients of the sender's choosing. The message is refused for good.
 */
public final class UnsafeHeaderException extends IllegalArgumentException {

    public UnsafeHeaderException(String message) {
        super(message);
    }

    /** The value, if it is safe as the named header; else the exception. */
    public static String require(String header, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new UnsafeHeaderException(header + " would contain a line break or NUL: refused");
        }
        return value;
    }
}
