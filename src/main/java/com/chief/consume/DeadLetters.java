package com.chief.consume;

import com.chief.model.Json;
import com.chief.model.SafeFileNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an application cannot process however often it tries (not an order, no factory for
 * its zone...): one JSON file each under {@code <dead-letter-dir>/<application>/}, named by the
 * record's position so a replay rewrites it, with the reason and the record; counted per application.
 * A record dead-lettered again (a replay that failed) keeps its earlier reasons in {@code reasons},
 * oldest first, and counts the times in {@code times}: a letter is never lost nor its history.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Path dir;
    private final MeterRegistry meters;
    private final Clock clock;

    public DeadLetters(Path dir, MeterRegistry meters) {
        this(dir, meters, Clock.systemUTC());
    }

    /** With the clock that stamps the letters (a test's, to tell letters apart by time without sleeping). */
    public DeadLetters(Path dir, MeterRegistry meters, Clock clock) {
        this.dir = dir;
        this.meters = meters;
        this.clock = clock;
    }

    /** The folder that holds one folder of letters per application. */
    public Path dir() {
        return dir;
    }

    /** The file name of a record's letter: its position, so the same record always has the same letter. */
    public static String fileName(UserRecord record) {
        return SafeFileNames.encode(record.shardId() + "-" + record.sequenceNumber() + "-" + record.subSequenceNumber()) + ".json";
    }

    public synchronized void write(String application, UserRecord record, String reason) throws IOException {
        Path target = dir.resolve(SafeFileNames.encode(application)).resolve(fileName(record));
        Files.createDirectories(target.getParent());
        Instant now = clock.instant();
        ArrayNode reasons = earlierReasons(target);
        reasons.addObject().put("reason", reason).put("at", now.toString());
        ObjectNode letter = Json.MAPPER.createObjectNode()
                .put("application", application)
                .put("reason", reason)
                .put("shardId", record.shardId())
                .put("sequenceNumber", record.sequenceNumber())
                .put("subSequenceNumber", record.subSequenceNumber())
                .put("partitionKey", record.partitionKey())
                .put("arrival", record.arrival() == null ? null : record.arrival().toString())
                .put("record", new String(record.data(), StandardCharsets.UTF_8))
                .put("deadLetteredAt", now.toString())
                .put("times", reasons.size());
        letter.set("reasons", reasons);
        // written aside and renamed: a reader (the listing, a replay) never sees half a letter
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        Files.writeString(part, letter.toPrettyString());
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Counter.builder("chief.dead.letters").tag("application", application)
                .description("Records set aside with their reason").register(meters).increment();
        LOG.warn("{}: record {} dead-lettered to {}: {}", application, record.partitionKey(), target, reason);
    }

    /** The reasons of the letter already there (a letter without history counts its one reason). */
    private static ArrayNode earlierReasons(Path target) {
        ArrayNode reasons = Json.MAPPER.createArrayNode();
        if (!Files.isRegularFile(target)) {
            return reasons;
        }
        try {
            JsonNode earlier = Json.MAPPER.readTree(target.toFile());
            if (earlier.path("reasons").isArray()) {
                reasons.addAll((ArrayNode) earlier.path("reasons"));
            } else if (earlier.hasNonNull("reason")) {
                reasons.addObject().put("reason", earlier.path("reason").asText()).put("at", earlier.path("deadLetteredAt").asText());
            }
        } catch (IOException unreadable) {
            reasons.addObject().put("reason", "(an earlier letter could not be read: " + unreadable.getMessage() + ")");
        }
        return reasons;
    }
}
