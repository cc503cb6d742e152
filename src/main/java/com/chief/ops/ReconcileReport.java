package com.chief.ops;

import com.chief.model.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a reconciliation found, as {@code /ops/reconcile} answers and {@code /ops/reconcile/last}
 * (the status page) shows it: per sink the missing and extra counts with the first
 * {@value #LISTED} ids of each, per arrival hour what was checked.
 *
 * @param mode full (every settled hour read) or changed-only (hours unchanged and clean skipped)
 * @param extraChecked whether extras were looked for (full runs: they need every hour's ids)
 */
public record ReconcileReport(Instant from, Instant to, Instant checkedAt, String mode, boolean repair, long tookMs,
        int hoursRead, int hoursUnchanged, int hoursPending, int objectsRead, int archivedOrders, int archivedFinalStatuses,
        boolean extraChecked, Map<String, SinkResult> sinks, List<HourResult> hours) {

    public static final int LISTED = 100;

    /**
     * One sink: {@code missing} ids in the archive the sink lacked when checked, {@code repaired} of
     * them restored, {@code missingAfterRepair} still lacking; {@code extra} in the sink, not in the archive.
     */
    public record SinkResult(int missing, int extra, int repaired, int missingAfterRepair, List<String> missingIds,
            List<String> extraIds) {
    }

    /** One arrival hour: checked (read now), unchanged (skipped), pending (younger than the settle margin) or empty. */
    public record HourResult(Instant hour, String state, int objects, int orders, int finalStatuses, Map<String, Integer> missing) {
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
