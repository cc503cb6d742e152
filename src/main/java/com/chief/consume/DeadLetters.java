package com.chief.consume;

import com.chief.model.Json;
import com.chief.model.SafeFileNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an application cannot process however often it tries (not an order, no factory for
 * its zone...): one JSON file each under {@code <dead-letter-dir>/<application>/}, named by the
 * record's position so a replay rewrites it, with the reason and the record; counted per application.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Path dir;
    private final MeterRegistry meters;

    public DeadLetters(Path dir, MeterRegistry meters) {
        this.dir = dir;
        this.meters = meters;
    }

    public void write(String application, UserRecord record, String reason) throws IOException {
        Path target = dir.resolve(SafeFileNames.encode(application)).resolve(SafeFileNames.encode(
                record.shardId() + "-" + record.sequenceNumber() + "-" + record.subSequenceNumber()) + ".json");
        Files.createDirectories(target.getParent());
        var letter = Json.MAPPER.createObjectNode()
                .put("application", application)
                .put("reason", reason)
                .put("shardId", record.shardId())
                .put("sequenceNumber", record.sequenceNumber())
                .put("subSequenceNumber", record.subSequenceNumber())
                .put("partitionKey", record.partitionKey())
                .put("record", new String(record.data(), StandardCharsets.UTF_8))
                .put("deadLetteredAt", Instant.now().toString());
        Files.writeString(target, letter.toPrettyString());
        Counter.builder("chief.dead.letters").tag("application", application)
                .description("Records set aside with their reason").register(meters).increment();
        LOG.warn("{}: record {} dead-lettered to {}: {}", application, record.partitionKey(), target, reason);
    }
}
