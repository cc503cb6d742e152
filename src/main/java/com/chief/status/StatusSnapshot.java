package com.chief.status;

import com.chief.consume.RouteHolds;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status page shows ({@code /status/data.json}), read from Chief's own metrics: headline
 * figures, the pipeline as a flow ({@link PipelineFlow}), the last hour per minute
 * ({@link LastHourCharts}), jobs per factory and robot, rejects per reason, and which route holds
 * which application ({@link RouteHolds}). Dead letters, reconciliation and the order trace come
 * from the operations API ({@code /ops/*}), which the page calls itself.
 */
public final class StatusSnapshot {

    private final MeterRegistry meters;
    private final RouteHolds routeHolds;
    private final PipelineFlow flow;
    private final LastHourCharts charts;
    private final Clock clock;

    public StatusSnapshot(MeterRegistry meters, RouteHolds routeHolds, PipelineFlow flow, Clock clock) {
        this.meters = meters;
        this.routeHolds = routeHolds;
        this.flow = flow;
        this.charts = new LastHourCharts(meters);
        this.clock = clock;
        sample(); // the baseline: what was counted before belongs to no minute
    }

    /** Books the counters' increase to the current minute; called every few seconds. */
    public void sample() {
        charts.sample(clock.instant());
    }

    public String json() {
        Instant now = clock.instant();
        charts.sample(now); // the current minute up to now
        MeterReadings readings = new MeterReadings(meters);
        long[] accepted = charts.lastHour("accepted", now);

        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("at", now.toString());
        ObjectNode headline = status.putObject("headline");
        headline.put("ordersLastMinute", accepted[accepted.length - 2]); // the last whole minute
        headline.put("ordersPeakMinute", max(accepted));
        headline.put("ordersLastHour", sum(accepted));
        headline.put("ordersAccepted", readings.counter("chief.intake.records", "inbox", "orders", "outcome", "produced")
                + readings.counter("chief.intake.records", "inbox", "orders-s3", "outcome", "produced"));
        headline.put("ordersRejected", readings.counter("chief.intake.records", "inbox", "orders", "outcome", "rejected")
                + readings.counter("chief.intake.records", "inbox", "orders-s3", "outcome", "rejected"));
        headline.put("slaBreaches", readings.counter("chief.tailor.sla.breaches"));
        headline.put("deadLetters", readings.counter("chief.dead.letters"));
        status.set("flow", flow.json());
        status.set("charts", charts.json(now));
        status.set("robots", robots());
        status.set("routeHolds", routeHolds());
        status.set("rejects", byTag("chief.intake.rejects", "reason"));
        return status.toString();
    }

    /** factory/robot -> load now and jobs by status. */
    private ArrayNode robots() {
        Map<String, ObjectNode> rows = new TreeMap<>();
        for (Gauge gauge : meters.find("chief.tailor.robot.load").gauges()) {
            row(rows, gauge.getId().getTag("factory"), gauge.getId().getTag("robot")).put("load", (long) gauge.value());
        }
        for (Counter counter : meters.find("chief.tailor.jobs").counters()) {
            ObjectNode row = row(rows, counter.getId().getTag("factory"), counter.getId().getTag("robot"));
            row.put(counter.getId().getTag("status"), (long) counter.count());
        }
        ArrayNode array = Json.MAPPER.createArrayNode();
        rows.values().forEach(array::add);
        return array;
    }

    private static ObjectNode row(Map<String, ObjectNode> rows, String factory, String robot) {
        return rows.computeIfAbsent(factory + "/" + robot, key -> Json.MAPPER.createObjectNode()
                .put("factory", factory).put("robot", robot).put("load", 0));
    }

    /** Applications whose batch waits for a route that takes no work (stopped, suspended, reloaded). */
    private ArrayNode routeHolds() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (RouteHolds.Hold hold : routeHolds.current()) {
            array.addObject().put("route", hold.route()).put("application", hold.application())
                    .put("shard", hold.shardId()).put("since", hold.since().toString());
        }
        return array;
    }

    private ObjectNode byTag(String name, String tag) {
        Map<String, Long> totals = new TreeMap<>();
        for (Counter counter : meters.find(name).counters()) {
            totals.merge(String.valueOf(counter.getId().getTag(tag)), (long) counter.count(), Long::sum);
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        totals.forEach(node::put);
        return node;
    }

    private static long max(long[] values) {
        long max = 0;
        for (long value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
