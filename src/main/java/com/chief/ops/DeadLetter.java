package com.chief.ops;

import com.chief.consume.UserRecord;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** One letter as {@code consume/DeadLetters} wrote it: the record to hand back, its reason and how often it failed. */
record DeadLetter(Path file, String application, String reason, int times, Instant deadLetteredAt, String orderId,
        UserRecord record) {

    static DeadLetter read(Path file) throws IOException {
        JsonNode letter = Json.MAPPER.readTree(file.toFile());
        Instant at = instant(letter.path("deadLetteredAt").asText(null), Instant.EPOCH);
        String data = letter.path("record").asText("");
        UserRecord record = new UserRecord(letter.path("shardId").asText(), letter.path("partitionKey").asText(null),
                letter.path("sequenceNumber").asText(), letter.path("subSequenceNumber").asLong(),
                // letters written before they kept the arrival: the archive files them under the hour they died
                instant(letter.path("arrival").asText(null), at), data.getBytes(StandardCharsets.UTF_8));
        return new DeadLetter(file, letter.path("application").asText(), letter.path("reason").asText(""),
                letter.path("times").asInt(1), at, orderIdOf(data), record);
    }

    String id() {
        return file.getFileName().toString();
    }

    /** Whether {@code id} names this letter: its file name (with or without .json), its partition key or its order id. */
    boolean isNamed(String id) {
        return id.equals(id()) || (id + ".json").equals(id()) || id.equals(record.partitionKey()) || id.equals(orderId);
    }

    /** The order id the record carries (orders and job results both have one), or null. */
    private static String orderIdOf(String data) {
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            return node != null && node.path("orderId").isTextual() ? node.path("orderId").asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Instant instant(String text, Instant otherwise) {
        try {
            return text == null ? otherwise : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
