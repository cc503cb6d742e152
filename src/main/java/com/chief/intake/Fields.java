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
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]+$");
    /** Longest order id and e-mail address every sink takes (the database columns). */
    static final int MAX_ID = 73;
    static final int MAX_EMAIL = 254;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final JsonNode node;

    private Fields(JsonNode node) {
        this.node = node;
    }

    static Fields of(RawRecord raw) {
        if (raw.kind() == RawRecord.Kind.STRAY_TEXT) {
            throw new InvalidRecordException(RejectReason.STRAY_TEXT,
                    "'" + abbreviate(raw.text()) + "' is not inside a {...} record (a broken brace before it?)");
        }
        if (raw.truncated()) {
            throw new InvalidRecordException(RejectReason.TOO_LARGE, raw.length() + " characters, more than the limit of "
                    + raw.text().length() + " (chief.intake.max-record-chars)");
        }
        int notUtf8 = raw.text().indexOf('\uFFFD');
        if (notUtf8 >= 0) {
            throw new InvalidRecordException(RejectReason.INVALID_ENCODING, "bytes that are not UTF-8 at " + at(raw, notUtf8));
        }
        JsonNode node;
        try {
            node = STRICT.readTree(raw.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " (" + at(raw, at.getLineNr(), at.getColumnNr()) + ")";
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, e.getOriginalMessage() + where
                    + (raw.problem() != null ? "; " + raw.problem() : ""));
        }
        if (raw.kind() != RawRecord.Kind.VALUE) { // never trust a record the scanner had to cut, even if it parses
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, String.valueOf(raw.problem()));
        }
        if (!node.isObject()) {
            throw new InvalidRecordException(RejectReason.NOT_AN_OBJECT, "a JSON " + node.getNodeType().name().toLowerCase()
                    + " where an object {...} was expected");
        }
        return new Fields(node);
    }

    /** A position inside the record as line and column of the file. */
    private static String at(RawRecord raw, int recordLine, int recordColumn) {
        long column = recordLine == 1 ? raw.column() + recordColumn - 1 : recordColumn;
        return "line " + (raw.line() + recordLine - 1) + ", column " + column;
    }

    private static String at(RawRecord raw, int offset) {
        String before = raw.text().substring(0, offset);
        int lineStart = before.lastIndexOf('\n') + 1;
        return at(raw, (int) before.chars().filter(ch -> ch == '\n').count() + 1, offset - lineStart + 1);
    }

    /** The first of {@code names} present with a non-null value. */
    Optional<JsonNode> first(String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                if (value.isTextual() && Surrogates.repaired(value.textValue()) != value.textValue()) {
                    throw new InvalidRecordException(RejectReason.INVALID_ENCODING, "'" + name + "' holds half of a surrogate pair"
                            + " (an escaped \\uD800-\\uDFFF without its other half)");
                }
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
            limit(names[0], id, MAX_ID);
            if (!ID.matcher(id).matches()) {
                throw new InvalidRecordException(RejectReason.INVALID_ORDER_ID, "'" + abbreviate(id)
                        + "' (letters, digits and . _ : -)");
            }
            return id;
        });
    }

    String email(String... names) {
        String email = requiredText(names);
        limit(names[0], email, MAX_EMAIL);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidRecordException(RejectReason.INVALID_EMAIL, "'" + abbreviate(email) + "' in '" + names[0] + "'");
        }
        return email.toLowerCase(java.util.Locale.ROOT);
    }

    /** Rejects a value longer than what the sinks store. */
    static String limit(String name, String value, int max) {
        if (value.length() > max) {
            throw new InvalidRecordException(RejectReason.FIELD_TOO_LONG, "'" + name + "' has " + value.length()
                    + " characters, at most " + max + " are accepted: '" + abbreviate(value) + "'");
        }
        return value;
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
