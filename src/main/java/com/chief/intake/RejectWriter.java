package com.chief.intake;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Writes one file's rejects as NDJSON ({@code <rejected>/<file>.rejects.ndjson}): file, record
 * number, line, column, reason code, message and the raw text (its first {@value #MAX_RAW_CHARS}
 * characters, with its full length, so a runaway record never copies megabytes into the rejects and
 * the search index). It writes to a {@code .part} file and
 * renames it when the file is done, so a file processed again replaces its rejects instead of
 * adding to them.
 */
final class RejectWriter implements AutoCloseable {

    static final int MAX_RAW_CHARS = 10_000;

    private final String fileName;
    private final Path target;
    private final Path part;
    private BufferedWriter writer;
    private long count;

    RejectWriter(Path rejectedDir, String fileName) {
        this.fileName = fileName;
        this.target = rejectedDir.resolve(fileName + ".rejects.ndjson");
        this.part = rejectedDir.resolve("." + fileName + ".rejects.ndjson.part");
    }

    void write(RawRecord raw, ParsedRecord.Rejected rejected) throws IOException {
        if (writer == null) {
            Files.createDirectories(part.getParent());
            writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        }
        ObjectNode line = Json.MAPPER.createObjectNode()
                .put("file", fileName)
                .put("record", raw.number())
                .put("line", raw.line())
                .put("column", raw.column())
                .put("reason", rejected.reason().name())
                .put("message", Surrogates.repaired(rejected.message()))
                .put("raw", Surrogates.repaired(raw.text().length() > MAX_RAW_CHARS ? raw.text().substring(0, MAX_RAW_CHARS) : raw.text()))
                .put("rawLength", raw.length())
                .put("rejectedAt", Instant.now().toString());
        writer.write(Json.MAPPER.writeValueAsString(line));
        writer.newLine();
        count++;
    }

    long count() {
        return count;
    }

    /** Publishes the rejects (or removes an older rejects file if this run had none). */
    Path commit() throws IOException {
        close();
        if (count == 0) {
            Files.deleteIfExists(target);
            return null;
        }
        return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
