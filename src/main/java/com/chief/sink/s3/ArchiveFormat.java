package com.chief.sink.s3;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The one place that knows the form of an archive object's content: each record's data as one line
 * (UTF-8 JSON, newline after each), newline-delimited JSON ({@code .ndjson}), gzip-compressed when the
 * key ends in {@code .gz}. The writer encodes with it and every reader (the Aurora loader,
 * reconciliation, the order trace) decodes with it, the way Kafka Connect's S3 sink has one
 * RecordWriterProvider per format, so a change of format cannot reach the writer alone.
 * {@link ArchiveLayout} owns the rest of the key.
 */
public final class ArchiveFormat {

    public static final String CONTENT_TYPE = "application/x-ndjson";
    private static final String EXTENSION = ".ndjson";
    private static final String GZIP = ".gz";

    private ArchiveFormat() {
    }

    /** The end of an archive key: {@code .ndjson} or {@code .ndjson.gz}. */
    public static String extension(boolean gzip) {
        return gzip ? EXTENSION + GZIP : EXTENSION;
    }

    /** Whether the object at {@code key} is gzip-compressed. */
    public static boolean isGzip(String key) {
        return key.endsWith(GZIP);
    }

    /** An object's content: each record's {@code data} (one JSON document, no newline) as a line. */
    public static <T> byte[] encode(List<T> records, Function<T, byte[]> data, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
            for (T record : records) {
                out.write(data.apply(record));
                out.write('\n');
            }
        }
        return bytes.toByteArray();
    }

    /** The lines of the object at {@code key}, read from its {@code body} (closing the reader closes the body). */
    public static BufferedReader lines(String key, InputStream body) throws IOException {
        InputStream in = isGzip(key) ? new GZIPInputStream(body) : body;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
