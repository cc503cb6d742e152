package com.chief.status;

import com.chief.consume.RouteHolds;
import com.chief.model.Json;
import com.chief.ops.DeadLetterShelf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status page shows, read from Chief's own metrics: orders per minute (intake), jobs per
 * factory and robot, consumer lag per application and shard, rejects per reason, SLA breaches and
 * the Aurora load, and which route holds which application ({@link RouteHolds}). Orders per minute is the difference over the last minute of samples taken on
 * each call (the page asks every few seconds).
 */
public final class StatusSnapshot {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration DEAD_LETTERS_EVERY = Duration.ofSeconds(10);

    private final MeterRegistry meters;
    private final RouteHolds routeHolds;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final DeadLetterShelf deadLetters;
    private JsonNode deadLetterSummary;
    private Instant deadLettersRead = Instant.EPOCH;

    public StatusSnapshot(MeterRegistry meters, RouteHolds routeHolds, DeadLetterShelf deadLetters, Clock clock) {
        this.meters = meters;
        this.routeHolds = routeHolds;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    public synchronized String json() {
        Instant now = clock.instant();
        double produced = sum("chief.intake.records", Map.of("inbox", "orders", "outcome", "produced"));
        samples.addLast(new Sample(now, produced));
        while (samples.size() > 1 && samples.peekFirst().at.isBefore(now.minus(WINDOW))) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        double seconds = Math.max(1, Duration.between(oldest.at, now).toMillis() / 1000.0);

        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("at", now.toString());
        status.put("ordersAccepted", (long) produced);
        status.put("ordersPerMinute", Math.round((produced - oldest.produced) * 60 / seconds));
        status.put("ordersRejected", (long) sum("chief.intake.records", Map.of("inbox", "orders", "outcome", "rejected")));
        status.set("robots", robots());
        status.set("lag", lag());
        status.set("routeHolds", routeHolds());
        status.set("rejects", byTag("chief.intake.rejects", "reason"));
        status.set("slaBreaches", byTag("chief.tailor.sla.breaches", "factory"));
        status.put("auroraRowsLoaded", (long) sum("chief.aurora.rows", Map.of("result", "inserted")));
        status.set("deadLetters", deadLetters(now));
        return status.toString();
    }

    /**
     * The letters on the shelf now (total; per application, reason, count), as {@code GET /ops/dead-letters}
     * answers; read from the folder at most every {@link #DEAD_LETTERS_EVERY}, the page asks every 3 s.
     */
    private JsonNode deadLetters(Instant now) {
        if (deadLetterSummary == null || !now.isBefore(deadLettersRead.plus(DEAD_LETTERS_EVERY))) {
            try {
                deadLetterSummary = deadLetters.summary();
            } catch (IOException e) {
                deadLetterSummary = Json.MAPPER.createObjectNode().put("error", "dead letters unreadable: " + e.getMessage());
            }
            deadLettersRead = now;
        }
        return deadLetterSummary;
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

    private ArrayNode lag() {
        Map<String, ObjectNode> rows = new TreeMap<>();
        for (Gauge gauge : meters.find("chief.consumer.lag.ms").gauges()) {
            String application = gauge.getId().getTag("application");
            String shard = gauge.getId().getTag("shard");
            rows.put(application + "/" + shard, Json.MAPPER.createObjectNode()
                    .put("application", application).put("shard", shard).put("lagMs", (long) gauge.value()));
        }
        ArrayNode array = Json.MAPPER.createArrayNode();
        rows.values().forEach(array::add);
        return array;
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

    private double sum(String name, Map<String, String> tags) {
        var search = meters.find(name);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            search = search.tag(tag.getKey(), tag.getValue());
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private record Sample(Instant at, double produced) {
    }
}
