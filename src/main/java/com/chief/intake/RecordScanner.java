package com.chief.intake;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits an order file into its records without parsing them and without holding the file in
 * memory: a JSON array of records, newline-delimited JSON, concatenated values, or a single object
 * (a leading BOM is skipped). It tracks only strings and nesting, and resynchronises after a broken
 * record so that it costs just that record. The recovery rule (docs/architecture.md, "How a broken
 * record is cut out"):
 * <ol>
 * <li>A string never runs past the end of its line (JSON forbids raw line breaks in strings), so a
 * stray quote cannot swallow the lines after it. A string that closes where JSON allows none
 * (followed by anything but {@code : , } ]}) reveals a stray or missing quote: from there the record's
 * brackets are counted as if there were no strings.</li>
 * <li>While a record is still open, a new record starts at a {@code {} that is the first character
 * of its line at a column no deeper than the open record's first brace (NDJSON, one record per line,
 * pretty-printed arrays), or at a {@code {} directly inside the record's outermost object after a
 * {@code ,}, {@code }} or {@code ]} (where JSON allows no object: {@code {{"id":1},{"id":2}} is two
 * records). The open record ends before it, as {@link RawRecord.Kind#BROKEN}.</li>
 * <li>A closing bracket without its opener is skipped; one that closes an outer opener closes
 * everything inside it.</li>
 * <li>Text after a record's closing brace that is not a separator ({@code ,} or the array's
 * {@code ]}) belongs to that record, which is then broken: the rest of its line (up to a
 * {@code ,{}), and the following lines indented deeper than the record's first brace.</li>
 * </ol>
 * Text that starts outside any record (before the first one, or after an array's {@code [}) is a
 * record of its own ({@link RawRecord.Kind#STRAY_TEXT}). A record's text is kept up to
 * {@code maxRecordChars}; longer records are counted to their end and marked truncated.
 */
public final class RecordScanner implements Iterator<RawRecord> {

    private final Reader reader;
    private final int maxRecordChars;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder open = new StringBuilder(); // the brackets open in the current record
    private long number;
    private boolean inArray;
    private RawRecord next;
    private boolean done;

    // the position of the next character to read, and of the one last read
    private long line = 1;
    private long column;
    private boolean lineBlank = true;
    private long charLine;
    private long charColumn;
    private boolean charFirstOnLine;
    // one character pushed back with its position
    private int pushed = -1;
    private long pushedLine;
    private long pushedColumn;
    private boolean pushedFirst;

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
            if (!inArray && c == '[' && opensArrayOfRecords()) {
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

    /** A {@code [} outside an array holds records if objects or arrays follow it (or nothing); {@code [1,2]} is a record. */
    private boolean opensArrayOfRecords() {
        int c = read();
        while (c != -1 && Character.isWhitespace(c)) {
            c = read();
        }
        if (c != -1) {
            pushBack(c);
        }
        return c == '{' || c == '[' || c == ']' || c == -1;
    }

    /** A JSON object or array from its first character to the matching close, or to where the next record starts. */
    private RawRecord value(int first) {
        long startLine = charLine;
        long startColumn = charColumn;
        Position position = new Position(startLine, startColumn);
        text.setLength(0);
        open.setLength(0);
        boolean inString = false;
        boolean escaped = false;
        boolean afterString = false;
        boolean quotesBroken = false;
        int previous = 0; // the last character that was not whitespace
        String problem = null;
        int c = first;
        while (true) {
            position.append(c);
            if (inString) {
                if (c == '\n') {
                    inString = false;
                    problem = firstOf(problem, "a string is not closed on line " + charLine);
                } else if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    afterString = true;
                }
            } else {
                if (afterString && !Character.isWhitespace(c)) {
                    afterString = false;
                    if (":,}]".indexOf(c) < 0) {
                        // a string closed where JSON allows none: a stray or missing quote; count brackets without strings from here
                        quotesBroken = true;
                        problem = firstOf(problem, "a stray or missing quote before line " + charLine + ", column " + (charColumn + 1));
                    }
                }
                if (c == '"' && !quotesBroken) {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    open.append((char) c);
                } else if (c == '}' || c == ']') {
                    int opener = open.lastIndexOf(c == '}' ? "{" : "[");
                    if (opener < 0) {
                        problem = firstOf(problem, "an unmatched '" + (char) c + "' on line " + charLine);
                    } else {
                        if (opener != open.length() - 1) {
                            problem = firstOf(problem, "'" + (char) c + "' on line " + charLine + " closes an unclosed '"
                                    + open.charAt(open.length() - 1) + "'");
                        }
                        open.setLength(opener);
                        if (opener == 0) {
                            return closed(position, problem);
                        }
                    }
                }
            }
            if (!Character.isWhitespace(c)) {
                previous = c;
            }
            c = read();
            if (c == -1) {
                return position.record(RawRecord.Kind.UNTERMINATED, "the file ends inside this record");
            }
            if (c == '{' && !inString && startsRecord(startColumn, previous)) {
                pushBack(c);
                return position.record(RawRecord.Kind.BROKEN, (problem != null ? problem + "; " : "")
                        + "the record is not closed before the next record starts at line " + charLine + ", column " + (charColumn + 1));
            }
        }
    }

    /** Rule 2: does this {@code {} start a new record while the current one is still open? */
    private boolean startsRecord(long recordColumn, int previous) {
        boolean newLineAtRecordDepth = charFirstOnLine && charColumn <= recordColumn;
        boolean noObjectAllowedHere = open.length() == 1 && open.charAt(0) == '{' && ",}]".indexOf(previous) >= 0;
        return newLineAtRecordDepth || noObjectAllowedHere;
    }

    /** Rule 4: a closed record followed by text other than a separator is broken and takes that text. */
    private RawRecord closed(Position position, String problem) {
        int c = read();
        while (c == ' ' || c == '\t' || c == '\r' || c == ',') {
            c = read();
        }
        if (c == -1 || c == '\n' || c == '{' || c == '[' || (c == ']' && inArray)) {
            if (c != -1) {
                pushBack(c);
            }
            return problem == null ? position.record(RawRecord.Kind.VALUE, null) : position.record(RawRecord.Kind.BROKEN, problem);
        }
        long garbageLine = charLine;
        long garbageColumn = charColumn + 1;
        int previous = 0;
        while (c != -1) {
            if (c == '{' && (previous == ',' || (charFirstOnLine && charColumn <= position.column))) {
                pushBack(c);
                break;
            }
            if (charFirstOnLine && charColumn <= position.column) {
                pushBack(c); // a line at the record's depth or shallower is not part of it
                break;
            }
            position.append(c);
            if (!Character.isWhitespace(c)) {
                previous = c;
            }
            c = read();
        }
        return position.record(RawRecord.Kind.BROKEN, "text after the record's closing brace at line " + garbageLine
                + ", column " + garbageColumn);
    }

    /** Text that starts outside any value: everything up to the end of its line or the next value. */
    private RawRecord stray(int first) {
        Position position = new Position(charLine, charColumn);
        text.setLength(0);
        int c = first;
        while (c != -1 && c != '\n' && c != '{') {
            position.append(c);
            c = read();
        }
        if (c == '{') {
            pushBack(c);
        }
        return position.record(RawRecord.Kind.STRAY_TEXT, null);
    }

    /** Where a record starts and how long it is; builds the record from the scanner's text buffer. */
    private final class Position {
        final long startLine;
        final long column;
        long length;

        Position(long startLine, long column) {
            this.startLine = startLine;
            this.column = column;
        }

        void append(int c) {
            length++;
            if (text.length() < maxRecordChars) {
                text.append((char) c);
            }
        }

        RawRecord record(RawRecord.Kind kind, String problem) {
            String kept = kind == RawRecord.Kind.VALUE ? text.toString() : text.toString().strip();
            return new RawRecord(++number, startLine, column + 1, kept, length, length > maxRecordChars, kind, problem);
        }
    }

    /** A record keeps the first problem found in it: later ones are usually its consequences. */
    private static String firstOf(String problem, String found) {
        return problem != null ? problem : found;
    }

    private void pushBack(int c) {
        pushed = c;
        pushedLine = charLine;
        pushedColumn = charColumn;
        pushedFirst = charFirstOnLine;
    }

    private int read() {
        if (pushed != -1) {
            int c = pushed;
            pushed = -1;
            charLine = pushedLine;
            charColumn = pushedColumn;
            charFirstOnLine = pushedFirst;
            return c;
        }
        int c;
        try {
            c = reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        charLine = line;
        charColumn = column;
        charFirstOnLine = lineBlank && c != -1 && !Character.isWhitespace(c);
        if (c == '\n') {
            line++;
            column = 0;
            lineBlank = true;
        } else {
            column++;
            if (charFirstOnLine) {
                lineBlank = false;
            }
        }
        return c;
    }
}
