package com.chief.tailor;

/** An order no factory or robot can take (unknown zone, no robot for the material): dead-lettered, never retried. */
public class UnroutableOrderException extends RuntimeException {

    public UnroutableOrderException(String message) {
        super(message);
    }
}
