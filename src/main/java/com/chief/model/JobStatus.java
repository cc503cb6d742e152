package com.chief.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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

    /**
     * SQL for "{@code column} holds a final status": {@code column IN ('Completed', 'Failed')}. The
     * statuses are stored by name; this and {@link #unfinishedSql} are the only places that spell the
     * final set in SQL, so a new status cannot be final in Java and unfinished in a query.
     */
    public static String finalSql(String column) {
        return inSql(column, JobStatus::isFinal);
    }

    /** SQL for "{@code column} holds a status that is not final": {@code column IN ('Pending', 'InProgress')}. */
    public static String unfinishedSql(String column) {
        return inSql(column, status -> !status.isFinal());
    }

    /** SQL for "{@code column} holds a status name", any of them. */
    public static String anySql(String column) {
        return inSql(column, status -> true);
    }

    private static String inSql(String column, Predicate<JobStatus> which) {
        return Arrays.stream(values()).filter(which).map(status -> "'" + status.name() + "'")
                .collect(Collectors.joining(", ", column + " IN (", ")"));
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
