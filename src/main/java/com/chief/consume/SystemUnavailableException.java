package com.chief.consume;

/**
 * A system a batch needs (S3, search, the database, a notification channel) is down or refusing
 * service for now: the batch is retried with growing pauses and the checkpoint holds. Unlike any
 * other failure it is never blamed on a record, so it never dead-letters one.
 */
public class SystemUnavailableException extends RuntimeException {

    public SystemUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SystemUnavailableException(String message) {
        super(message);
    }
}
