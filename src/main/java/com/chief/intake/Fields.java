package com.chief.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** The fields of one record, looked up by any of their accepted names, with typed, validating getters. */
final class Fields {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,73}$");
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final JsonNode node;

    private Fields(JsonNode node) {
        this.node = node;
    }

    static Fields of(RawRecord raw) {
        switch (raw.kind()) {
            case STRAY_TEXT -> throw new InvalidRecordException(RejectReason.STRAY_TEXT,
                    "'" + abbreviate(raw.text()) + "' is not inside a {...} record (a broken brace before it?)");
            case UNTERMINATED -> throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                    "the file ends inside this record (unbalanced braces or quotes)");
            default -> { }
        }
        if (raw.truncatedTo() > 0) {
            throw new InvalidRecordException(RejectReason.TOO_LARGE, "longer than " + raw.truncatedTo() + " characters");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(raw.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + " of the record)";
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, e.getOriginalMessage() + where);
        }
        if (!node.isObject()) {
            throw new InvalidRecordException(RejectReason.NOT_AN_OBJECT, "a JSON " + node.getNodeType().name().toLowerCase()
                    + " where an object {...} was expected");
        }
        return new Fields(node);
    }

    /** The first of {@code names} present with a non-null value. */
    Optional<JsonNode> first(String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    JsonNode required(String... names) {
        return first(names).orElseThrow(() -> new InvalidRecordException(RejectReason.MISSING_FIELD,
                "'" + names[0] + "'" + (names.length > 1 ? " (or " + String.join(", ", java.util.Arrays.copyOfRange(names, 1, names.length)) + ")" : "")));
    }

    Optional<String> optionalText(String... names) {
        return first(names).filter(JsonNode::isValueNode).map(JsonNode::asText).map(String::strip).filter(s -> !s.isEmpty());
    }

    String requiredText(String... names) {
        JsonNode value = required(names);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD, "'" + names[0] + "' is empty or not a plain value");
        }
        return value.asText().strip();
    }

    Optional<String> id(String... names) {
        return optionalText(names).map(id -> {
            if (!ID.matcher(id).matches()) {
                throw new InvalidRecordException(RejectReason.INVALID_ORDER_ID, "'" + abbreviate(id)
                        + "' (1-73 characters of letters, digits and . _ : -)");
            }
            return id;
        });
    }

    String email(String... names) {
        String email = requiredText(names);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidRecordException(RejectReason.INVALID_EMAIL, "'" + abbreviate(email) + "' in '" + names[0] + "'");
        }
        return email.toLowerCase(java.util.Locale.ROOT);
    }

    Instant timestamp(Clock clock, String... names) {
        String text = requiredText(names);
        Instant instant = Timestamps.parse(text).orElseThrow(() -> new InvalidRecordException(
                RejectReason.INVALID_TIMESTAMP, "'" + abbreviate(text) + "' (use ISO-8601 UTC, e.g. 2026-11-22T10:15:00Z, or yyyy/MM/dd HH:mm:ss)"));
        if (instant.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, "'" + text + "' is more than a day in the future");
        }
        return instant;
    }

    /** A number, or a string holding one. */
    static double number(JsonNode value, String name) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidRecordException(RejectReason.INVALID_MEASUREMENT, "'" + name + "' is " + abbreviate(value.toString())
                + ", not a number");
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
