package com.chief.model;

import java.util.regex.Pattern;

/**
 * A robot's id as it travels and is stored: {@code robot<N>}, N from 1 (job results, tailor_job.robot_id,
 * metric tags). Inside a factory a robot is its number; this is the one place that turns one into the other.
 */
public final class RobotId {

    private static final String PREFIX = "robot";
    /** A robot's number has at most four digits: a longer one is unknown, never a number that overflows. */
    private static final Pattern FORM = Pattern.compile(PREFIX + "[1-9]\\d{0,3}");

    private RobotId() {
    }

    public static String of(int number) {
        return PREFIX + number;
    }

    /** Whether {@code id} is {@code robot<N>} with N from 1 to 9999, so {@link #number} can read it. */
    public static boolean isWellFormed(String id) {
        return FORM.matcher(id).matches();
    }

    /** The number of a robot id made by {@link #of} (or checked by {@link #isWellFormed}). */
    public static int number(String id) {
        return Integer.parseInt(id.substring(PREFIX.length()));
    }
}
