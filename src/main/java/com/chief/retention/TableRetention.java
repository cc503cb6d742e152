package com.chief.retention;

import java.time.Duration;
import java.util.List;

/**
 * Which rows of one table may go: {@code done} holds for a row whose work is finished and that is older
 * than the cutoff (its one {@code ?}); {@code doneAmongOthers}, when given, narrows the choice further with a
 * look at other rows of the same table, which MySQL allows in a SELECT but not in a DELETE (error 1093),
 * so it is checked when the batch is chosen only. {@code target} names the table in logs and metrics.
 */
public record TableRetention(String target, String table, List<String> keyColumns, String done, String doneAmongOthers,
        Duration retention) {

    public TableRetention {
        if (done.chars().filter(c -> c == '?').count() != 1) {
            throw new IllegalArgumentException(table + ": the condition takes exactly the cutoff as its parameter");
        }
    }

    public TableRetention(String table, List<String> keyColumns, String done, Duration retention) {
        this(table, table, keyColumns, done, null, retention);
    }

    /** The condition a row must meet to be chosen for a batch. */
    String chosen() {
        return doneAmongOthers == null ? done : done + " AND " + doneAmongOthers;
    }
}
