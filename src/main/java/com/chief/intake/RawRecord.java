package com.chief.intake;

/**
 * One record's text as it stands in the file, with its position: the record number (1-based,
 * counting every record including rejected ones) and the line it starts on.
 * {@code truncatedTo > 0} means the record was longer than the limit and only its start was kept.
 */
public record RawRecord(long number, long line, String text, long truncatedTo, Kind kind) {

    public enum Kind {
        /** A JSON value (object, array, ...) between record boundaries. */
        VALUE,
        /** Text outside any record, e.g. a stray field after a broken brace. */
        STRAY_TEXT,
        /** A value the file ended inside of. */
        UNTERMINATED
    }
}
