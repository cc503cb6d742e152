package com.chief.intake;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits an order file into its records without parsing them and without holding the file in
 * memory: a JSON array of records, newline-delimited JSON, concatenated values, or a single object
 * (a leading BOM is skipped). It tracks only string state and nesting depth, so a broken record
 * costs just that record: the scanner resynchronises at the next top-level value, and text
 * outside any value becomes a record of its own (kind {@link RawRecord.Kind#STRAY_TEXT}).
 */
public final class RecordScanner implements Iterator<RawRecord> {

    private final Reader reader;
    private final int maxRecordChars;
    private final StringBuilder text = new StringBuilder();
    private long line = 1;
    private long number;
    private int pushedBack = -1;
    private boolean inArray;
    private RawRecord next;
    private boolean done;

    public RecordScanner(Reader reader, int maxRecordChars) {
        this.reader = reader;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = scan();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord record = next;
        next = null;
        return record;
    }

    private RawRecord scan() {
        int c;
        while ((c = read()) != -1) {
            if (c == '\uFEFF' || Character.isWhitespace(c) || c == ',') {
                continue;
            }
            if (!inArray && c == '[') {
                inArray = true; // records are the array's elements
                continue;
            }
            if (inArray && c == ']') {
                inArray = false;
                continue;
            }
            if (c == '{' || c == '[') {
                return value(c);
            }
            return stray(c);
        }
        return null;
    }

    /** A JSON object or array from its first character to the matching close. */
    private RawRecord value(int first) {
        long startLine = line;
        long length = 0;
        text.setLength(0);
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int c = first;
        while (c != -1) {
            length++;
            if (text.length() < maxRecordChars) {
                text.append((char) c);
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth <= 0) {
                    break;
                }
            }
            c = read();
        }
        RawRecord.Kind kind = c == -1 ? RawRecord.Kind.UNTERMINATED : RawRecord.Kind.VALUE;
        return new RawRecord(++number, startLine, text.toString(), length > maxRecordChars ? maxRecordChars : 0, kind);
    }

    /** Text that starts outside any value: everything up to the end of its line or the next value. */
    private RawRecord stray(int first) {
        long startLine = line;
        text.setLength(0);
        int c = first;
        while (c != -1 && c != '\n' && c != '{') {
            if (text.length() < maxRecordChars) {
                text.append((char) c);
            }
            c = read();
        }
        if (c == '{') {
            pushedBack = c;
        }
        return new RawRecord(++number, startLine, text.toString().strip(), 0, RawRecord.Kind.STRAY_TEXT);
    }

    private int read() {
        if (pushedBack != -1) {
            int c = pushedBack;
            pushedBack = -1;
            return c;
        }
        try {
            int c = reader.read();
            if (c == '\n') {
                line++;
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
