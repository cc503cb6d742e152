package com.chief.intake;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Input timestamps: the 2017 form {@code yyyy/MM/dd HH:mm:ss} (UTC, as the old system wrote it),
 * ISO-8601 with an offset or {@code Z}, ISO-8601 without a zone (taken as UTC), or epoch
 * milliseconds.
 */
public final class Timestamps {

    private static final DateTimeFormatter LEGACY = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private Timestamps() {
    }

    public static Optional<Instant> parse(String raw) {
        String text = raw.strip();
        if (text.matches("\\d{12,13}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        }
        try {
            return Optional.of(LocalDateTime.parse(text, LEGACY).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLegacy) {
            // next form
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            return Optional.empty();
        }
    }
}
