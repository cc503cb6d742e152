package com.chief.ops;

import com.chief.sink.s3.ArchiveLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of arrival hours, [from, to), as the archive keys them ({@link ArchiveLayout}). An
 * operator writes each end as an ISO instant ({@code 2026-12-06T10:00:00Z}), an hour
 * ({@code 2026-12-06T10}) or a number of hours before now ({@code 48}); an instant inside an hour
 * takes the whole hour.
 */
public record HourRange(Instant from, Instant to) {

    public HourRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** The last {@code hours} hours up to and including the current one. */
    public static HourRange last(int hours, Clock clock) {
        Instant next = ArchiveLayout.hourOf(clock.instant()).plus(Duration.ofHours(1));
        return new HourRange(next.minus(Duration.ofHours(hours)), next);
    }

    /** From the operator's words; a missing {@code to} is the end of the current hour. */
    public static HourRange parse(String from, String to, Clock clock) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("from is required: an ISO instant, an hour (2026-12-06T10) or hours ago (48)");
        }
        Instant start = ArchiveLayout.hourOf(instant(from, clock));
        Instant end = to == null || to.isBlank() ? ArchiveLayout.hourOf(clock.instant()).plus(Duration.ofHours(1))
                : ceilHour(instant(to, clock));
        return new HourRange(start, end);
    }

    public List<Instant> hours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            hours.add(hour);
        }
        return hours;
    }

    private static Instant ceilHour(Instant time) {
        Instant hour = ArchiveLayout.hourOf(time);
        return hour.equals(time) ? hour : hour.plus(Duration.ofHours(1));
    }

    private static Instant instant(String text, Clock clock) {
        String value = text.strip();
        if (value.matches("\\d{1,6}")) {
            return clock.instant().minus(Duration.ofHours(Long.parseLong(value)));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(value.length() == 13 ? value + ":00" : value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notAnHour) {
                throw new IllegalArgumentException("not an instant, hour or number of hours: " + text);
            }
        }
    }
}
