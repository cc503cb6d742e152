package com.chief.ops;

import com.chief.intake.IntakeFolders;
import com.chief.intake.OrderParser;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An order at intake: the accepted file that carried it ({@code <archive>/yyyy/MM/dd/}, the days of
 * what the database knows of the order, else today and yesterday) and the rejects naming it
 * ({@code <rejected>/*.rejects.ndjson}: file, record, reason, message). Files are read line by line
 * and the whole search stops after {@value #MAX_BYTES} bytes; the answer says what was searched.
 * No path is built from the order id: it is only compared with what the files hold.
 */
final class IntakeTrace {

    static final long MAX_BYTES = 256L * 1024 * 1024;

    private final Path archiveDir;
    private final Path rejectedDir;

    IntakeTrace(Path archiveDir, Path rejectedDir) {
        this.archiveDir = archiveDir;
        this.rejectedDir = rejectedDir;
    }

    void trace(String orderId, List<Instant> hints, Instant now, ObjectNode document) {
        ObjectNode stage = Json.MAPPER.createObjectNode();
        ArrayNode files = stage.putArray("acceptedIn");
        ArrayNode rejects = stage.putArray("rejected");
        ArrayNode searched = stage.putArray("searched");
        long[] budget = {MAX_BYTES};
        try {
            TreeSet<Path> folders = new TreeSet<>();
            (hints.isEmpty() ? List.of(now, now.minus(1, ChronoUnit.DAYS)) : hints)
                    .forEach(time -> folders.add(IntakeFolders.archivedOn(archiveDir, time)));
            for (Path folder : folders) {
                searched.add(folder.toString());
                for (Path file : files(folder)) {
                    if (contains(file, orderId, budget) != null) {
                        files.addObject().put("file", file.getFileName().toString()).put("folder", folder.toString())
                                .put("archivedAt", Files.getLastModifiedTime(file).toInstant().toString());
                    }
                }
            }
            searched.add(rejectedDir.toString());
            for (Path file : files(rejectedDir)) {
                if (file.getFileName().toString().endsWith(".rejects.ndjson")) {
                    rejectsNaming(file, orderId, budget, rejects);
                }
            }
        } catch (IOException e) {
            stage.put("error", true).put("reason", "intake folders unreadable: " + e.getMessage());
        }
        if (budget[0] <= 0) {
            stage.put("cutShort", "stopped after reading " + MAX_BYTES + " bytes");
        }
        stage.put("found", !files.isEmpty() || !rejects.isEmpty());
        if (files.isEmpty() && rejects.isEmpty() && !stage.has("reason")) {
            stage.put("reason", "in no accepted file nor rejects searched");
        }
        document.set("intake", stage);
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The first line of a file naming the order, or null; spends the byte budget. */
    private static String contains(Path file, String orderId, long[] budget) throws IOException {
        try (BufferedReader lines = reader(file)) {
            for (String line = lines.readLine(); line != null && budget[0] > 0; line = lines.readLine()) {
                budget[0] -= line.length() + 1;
                if (names(line, orderId) || isDerivedFrom(line, orderId)) {
                    return line;
                }
            }
        }
        return null;
    }

    private static void rejectsNaming(Path file, String orderId, long[] budget, ArrayNode rejects) throws IOException {
        try (BufferedReader lines = reader(file)) {
            for (String line = lines.readLine(); line != null && budget[0] > 0; line = lines.readLine()) {
                budget[0] -= line.length() + 1;
                if (!names(line, orderId)) {
                    continue;
                }
                JsonNode reject = Json.MAPPER.readTree(line);
                if (names(reject.path("raw").asText(""), orderId)) {
                    rejects.addObject().put("file", reject.path("file").asText()).put("record", reject.path("record").asLong())
                            .put("reason", reject.path("reason").asText()).put("message", reject.path("message").asText())
                            .put("rejectedAt", reject.path("rejectedAt").asText());
                }
            }
        }
    }

    /** Whether the text holds the id as a whole word: ORD-1 is not named by a line of ORD-10. */
    static boolean names(String text, String orderId) {
        for (int at = text.indexOf(orderId); at >= 0; at = text.indexOf(orderId, at + 1)) {
            int after = at + orderId.length();
            if ((at == 0 || !idChar(text.charAt(at - 1))) && (after == text.length() || !idChar(text.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the order has no id of its own and this line is the record its id was derived from: a line of
     * NDJSON, or an element of a JSON array written one per line (its separating comma is not the record's).
     */
    private static boolean isDerivedFrom(String line, String orderId) {
        if (!orderId.startsWith("o-")) {
            return false;
        }
        String record = line.strip();
        record = record.endsWith(",") ? record.substring(0, record.length() - 1) : record;
        return record.startsWith("{") && OrderParser.derivedId(record).equals(orderId);
    }

    private static boolean idChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    /** Malformed bytes (an intake file is anyone's) are replaced, not fatal. */
    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }
}
