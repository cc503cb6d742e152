package com.chief.sink.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Index names by UTC time: {@code <base>-<date pattern>}, e.g. chief-orders-2026.11 for yyyy.MM. */
final class TimeBasedIndex {

    private final DateTimeFormatter suffix;

    TimeBasedIndex(String datePattern) {
        this.suffix = DateTimeFormatter.ofPattern(datePattern).withZone(ZoneOffset.UTC);
    }

    /** The index for an ISO-8601 timestamp; now's if it is not one (the engine then rejects the bad date itself). */
    String name(String base, String timestamp) {
        Instant time;
        try {
            time = Instant.parse(timestamp);
        } catch (RuntimeException e) {
            time = Instant.now();
        }
        return base + "-" + suffix.format(time);
    }
}
