package com.chief.sink.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts each bulk item's outcome per writer: indexed, older-status (refused version), retry (the engine refused), rejected (data). */
public final class CountedBulk {

    private CountedBulk() {
    }

    public static SearchIndexWriter.Bulk of(SearchIndexWriter.Bulk bulk, String writer, MeterRegistry meters) {
        Map<String, Counter> byOutcome = new HashMap<>();
        for (String outcome : List.of("indexed", "older-status", "retry", "rejected")) {
            byOutcome.put(outcome, Counter.builder("chief.search.items").tag("writer", writer).tag("outcome", outcome)
                    .description("Search bulk items by outcome").register(meters));
        }
        return actions -> {
            List<BulkItemResult> items = bulk.send(actions);
            for (BulkItemResult item : items) {
                byOutcome.get(!item.failed() ? "indexed" : item.versionConflict() ? "older-status"
                        : item.dataError() ? "rejected" : "retry").increment();
            }
            return items;
        };
    }
}
