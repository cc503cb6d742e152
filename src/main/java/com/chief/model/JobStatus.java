package com.chief.model;

import java.util.Locale;
import java.util.Optional;

/** A robo-tailor job's status, in the order a job moves through them. */
public enum JobStatus {
    Pending, InProgress, Completed, Failed;

    /** Whether moving from this status to {@code next} goes forward (a status never moves back). */
    public boolean precedes(JobStatus next) {
        return next.ordinal() > ordinal() && this != Completed && this != Failed;
    }

    public static Optional<JobStatus> parse(String raw) {
        String key = raw.strip().replace("_", "").replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        for (JobStatus status : values()) {
            if (status.name().toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
