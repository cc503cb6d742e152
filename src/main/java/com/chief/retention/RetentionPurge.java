package com.chief.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled purge of the tables (route {@code retention-purge}, clustered Quartz: one instance per
 * scheduled time). Each table is purged on its own: one that fails (a lock wait timeout) is logged and
 * the others go on; what it left is taken at the next run. Counts {@code chief.retention.purged{target}}.
 */
public final class RetentionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final TablePurge purge;
    private final List<TableRetention> tables;
    private final MeterRegistry meters;
    private final Clock clock;
    private BooleanSupplier stop = () -> false;

    public RetentionPurge(TablePurge purge, List<TableRetention> tables, MeterRegistry meters, Clock clock) {
        this.purge = purge;
        this.tables = tables;
        this.meters = meters;
        this.clock = clock;
    }

    /** Stops between batches when this says so (Chief stopping). */
    public RetentionPurge stopWhen(BooleanSupplier stop) {
        this.stop = stop;
        return this;
    }

    /** Rows purged per table. */
    public Map<String, Long> run() {
        Instant now = clock.instant();
        Map<String, Long> purged = new LinkedHashMap<>();
        for (TableRetention table : tables) {
            long started = System.nanoTime();
            try {
                TablePurge.Result result = purge.purge(table, now, stop);
                purged.put(table.target(), result.deleted());
                meters.counter("chief.retention.purged", "target", table.target()).increment(result.deleted());
                if (result.deleted() > 0) {
                    LOG.info("Retention: {} rows of {} older than {} days purged in {} batches, {} ms", result.deleted(),
                            table.target(), table.retention().toDays(), result.batches(),
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
            } catch (Exception e) {
                LOG.warn("Retention: purging {} failed, the next run carries on: {}", table.target(), e.getMessage());
            }
        }
        return purged;
    }
}
