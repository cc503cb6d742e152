package com.chief.sink.aurora;

import com.chief.model.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A batch of archive lines read as records of one type: unique by key (repeats within the batch
 * counted), and lines that cannot be read set aside in load_rejected_line with the reason.
 */
final class ParsedLines<T> {

    /** A record and the archive line it came from. */
    record Line<T>(T value, ArchiveLine source) {

        /** The archived JSON. */
        String json() {
            return source.text();
        }
    }

    final Map<String, Line<T>> unique = new LinkedHashMap<>();
    int repeats;
    int rejected;

    private ParsedLines() {
    }

    /**
     * {@code key} gives a record's key, or throws IllegalArgumentException naming what it lacks;
     * {@code kind} names the record in the reason ("an order").
     */
    static <T> ParsedLines<T> read(Connection connection, StoredObject object, List<ArchiveLine> lines, Class<T> type,
            Function<T, String> key, String kind) throws SQLException {
        ParsedLines<T> parsed = new ParsedLines<>();
        for (ArchiveLine line : lines) {
            try {
                T value = Json.MAPPER.readValue(line.text(), type);
                if (parsed.unique.putIfAbsent(key.apply(value), new Line<>(value, line)) != null) {
                    parsed.repeats++;
                }
            } catch (Exception e) {
                RejectedLines.write(connection, object, line, "not " + kind + ": " + e.getMessage());
                parsed.rejected++;
            }
        }
        return parsed;
    }
}
