package com.chief.status;

import com.chief.model.Json;
import com.chief.sink.s3.ArchiveApplication;
import com.chief.sink.search.SearchApplication;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The status page's charts: per minute over the last hour, orders accepted, rejected, archived,
 * made searchable, rows loaded into the database, and notifications sent. Kept in memory from
 * Chief's counters, sampled every few seconds ({@link StatusRoutes}), so the history is there
 * whether or not anyone was looking; it starts empty with the instance.
 */
final class LastHourCharts {

    private record Chart(String label, CounterHistory history) {
    }

    private final Map<String, Chart> charts = new LinkedHashMap<>();

    LastHourCharts(MeterRegistry registry) {
        MeterReadings meters = new MeterReadings(registry);
        add("accepted", "orders accepted", () -> meters.counter("chief.intake.records", "inbox", "orders", "outcome", "produced")
                + meters.counter("chief.intake.records", "inbox", "orders-s3", "outcome", "produced"));
        add("rejected", "orders rejected", () -> meters.counter("chief.intake.records", "inbox", "orders", "outcome", "rejected")
                + meters.counter("chief.intake.records", "inbox", "orders-s3", "outcome", "rejected"));
        add("archived", "orders archived",
                () -> meters.counter("chief.archive.records", "application", ArchiveApplication.ORDERS.application()));
        add("searchable", "orders searchable", () -> meters.counter("chief.search.items",
                "writer", SearchApplication.ORDERS.application(), "outcome", "indexed"));
        add("loaded", "rows loaded into the database", () -> meters.counter("chief.aurora.rows", "result", "inserted"));
        add("notifications", "notifications sent", () -> meters.counter("chief.notifications", "outcome", "sent"));
    }

    private void add(String id, String label, DoubleSupplier total) {
        charts.put(id, new Chart(label, new CounterHistory(total)));
    }

    void sample(Instant at) {
        charts.values().forEach(chart -> chart.history().sample(at));
    }

    /** Minutes of one chart, oldest first, the current (unfinished) minute last. */
    long[] lastHour(String id, Instant now) {
        return charts.get(id).history().lastHour(now);
    }

    ObjectNode json(Instant now) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("firstMinute", Instant.ofEpochSecond((MinuteCounts.epochMinute(now) - MinuteCounts.MINUTES + 1) * 60).toString());
        ArrayNode series = json.putArray("series");
        charts.forEach((id, chart) -> {
            ObjectNode node = series.addObject().put("id", id).put("label", chart.label());
            ArrayNode values = node.putArray("perMinute");
            for (long value : chart.history().lastHour(now)) {
                values.add(value);
            }
        });
        return json;
    }
}
