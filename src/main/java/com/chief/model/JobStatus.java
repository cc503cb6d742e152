package com.chief.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A robo-tailor job's status, in the order a job moves through them, with its rank: how far the
 * job has got. Every store of the current status (jobs, search, Aurora) lets a status replace only
 * a lower rank, so a late or replayed event never moves an order back. Completed and Failed are
 * both final and rank alike: the first one to arrive stays.
 */
public enum JobStatus {
    Pending(1), InProgress(2), Completed(3), Failed(3);

    private final int rank;

    JobStatus(int rank) {
        this.rank = rank;
    }

    /** 1 for Pending up to 3 for a final status; stored as order_status.status_rank and as the search version. */
    public int rank() {
        return rank;
    }

    /** Completed or Failed: the job has ended, and an order has only one of them (the first recorded stands). */
    public boolean isFinal() {
        return this == Completed || this == Failed;
    }

    /** Whether moving from this status to {@code next} goes forward (a status never moves back). */
    public boolean precedes(JobStatus next) {
        return next.rank > rank;
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
