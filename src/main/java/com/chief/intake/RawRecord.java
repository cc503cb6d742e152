package com.chief.intake;

/**
 * One record's text as it stands in the file, with its position: the record number (1-based,
 * counting every record including rejected ones), the line and column it starts at, and its
 * length in characters. {@code truncated} means the record was longer than the limit and only its
 * start was kept. {@code problem} says why the scanner found a record {@link Kind#BROKEN}.
 */
public record RawRecord(long number, long line, long column, String text, long length, boolean truncated, Kind kind,
        String problem) {

    /** A whole record as a program wrote it (generators, benchmarks, tests): record {@code number}, on line {@code number}. */
    public static RawRecord value(long number, String text) {
        return new RawRecord(number, number, 1, text, text.length(), false, Kind.VALUE, null);
    }

    public enum Kind {
        /** A JSON value (object, array, ...) between record boundaries. */
        VALUE,
        /** Text outside any record, e.g. a stray field after a broken brace. */
        STRAY_TEXT,
        /** A record cut where the next one starts, or with text after its end: malformed whatever it holds. */
        BROKEN,
        /** A value the file ended inside of. */
        UNTERMINATED
    }
}
