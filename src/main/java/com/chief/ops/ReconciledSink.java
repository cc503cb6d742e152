package com.chief.ops;

import java.time.Instant;
import java.util.Set;

/**
 * A sink as reconciliation sees it: which of an hour's archived ids it holds (orders by id, final
 * statuses as {@code orderId:status}), asked by those ids only, and which ids it holds by its own
 * time (for "extra": in the sink but not in the archive).
 */
interface ReconciledSink {

    /** search, database or notifications: the {@code sink} tag of the gauges. */
    String name();

    /** Whether the sink holds orders at all (notifications hold final statuses only). */
    boolean holdsOrders();

    /** The ids among {@code orderIds} and {@code finalIds} that the sink holds. */
    Set<String> present(Set<String> orderIds, Set<String> finalIds) throws Exception;

    /** The ids the sink holds whose own time (load, event or send time) is in [from, to). */
    Set<String> heldBetween(Instant from, Instant to) throws Exception;
}
