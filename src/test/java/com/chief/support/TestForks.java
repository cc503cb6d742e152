package com.chief.support;

/** Which of the test JVMs Maven runs side by side this one is (1 when it runs one). */
public final class TestForks {

    private TestForks() {
    }

    /** {@code chief.test.fork}: Maven's fork number, 1 and up; 1 when not set (a test run from an IDE). */
    public static int number() {
        return Math.max(1, Integer.getInteger("chief.test.fork", 1));
    }

    /** {@code chief.test.forks}: how many test JVMs Maven runs side by side; 1 when not set. */
    public static int count() {
        return Math.max(1, Integer.getInteger("chief.test.forks", 1));
    }
}
