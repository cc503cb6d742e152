package com.chief.ops;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an order is, read from the sinks themselves: intake, the S3 archive, the search engine,
 * the database (its row, events, robo-tailor job, notifications) and the dead letters. Every stage
 * is in the answer with {@code "found"}; a stage that is missing says why (or that its system did
 * not answer). {@code "found": false} overall when no stage has the order.
 */
public final class OrderTrace {

    /** The longest order id Chief stores ({@code VARCHAR(73)}). */
    static final int MAX_ID = 73;

    private final IntakeTrace intake;
    private final ArchiveTrace archive;
    private final SearchTrace search;
    private final DatabaseTrace database;
    private final DeadLetterShelf deadLetters;
    private final Clock clock;

    OrderTrace(IntakeTrace intake, ArchiveTrace archive, SearchTrace search, DatabaseTrace database, DeadLetterShelf deadLetters,
            Clock clock) {
        this.intake = intake;
        this.archive = archive;
        this.search = search;
        this.database = database;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    public static OrderTrace create(java.nio.file.Path intakeArchive, java.nio.file.Path rejected,
            software.amazon.awssdk.services.s3.S3Client s3, String bucket, com.chief.config.ChiefSettings.Search searchSettings,
            javax.sql.DataSource dataSource, DeadLetterShelf deadLetters) {
        return new OrderTrace(new IntakeTrace(intakeArchive, rejected), new ArchiveTrace(s3, bucket), new SearchTrace(searchSettings),
                new DatabaseTrace(dataSource), deadLetters, Clock.systemUTC());
    }

    /** Why an order id from outside cannot be traced, or null: it must be one an order could have. */
    static String invalid(String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return "an order id is required";
        }
        if (orderId.length() > MAX_ID) {
            return "an order id has at most " + MAX_ID + " characters";
        }
        if (orderId.chars().anyMatch(Character::isISOControl)) {
            return "an order id has no control characters";
        }
        return null;
    }

    public ObjectNode trace(String orderId) {
        String invalid = invalid(orderId);
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
        ObjectNode document = Json.MAPPER.createObjectNode().put("orderId", orderId).put("found", false);
        Instant now = clock.instant();
        List<Instant> times = new ArrayList<>(); // what the database saw of the order: where to look in the folders and the archive
        ObjectNode db = Json.MAPPER.createObjectNode();
        database.trace(orderId, db, times);
        intake.trace(orderId, times, now, document);
        archive.trace(orderId, times, now, document);
        search.trace(orderId, document);
        document.setAll(db);
        document.set("deadLetters", deadLetters(orderId));
        boolean found = false;
        for (var stage : document.properties()) {
            found |= stage.getValue().isObject() && stage.getValue().path("found").asBoolean();
        }
        document.put("found", found);
        document.put("tracedAt", now.toString());
        return document;
    }

    private ObjectNode deadLetters(String orderId) {
        ObjectNode stage = Json.MAPPER.createObjectNode();
        try {
            ArrayNode letters = letters(deadLetters.naming(orderId));
            stage.put("found", !letters.isEmpty());
            stage.set("letters", letters);
            stage.set("replayed", letters(deadLetters.replayedNaming(orderId))); // history: dead-lettered once, replayed since
        } catch (IOException e) {
            stage.put("found", false).put("error", true).put("reason", "dead letters unreadable: " + e.getMessage());
        }
        return stage;
    }

    private static ArrayNode letters(List<DeadLetter> letters) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (DeadLetter letter : letters) {
            array.addObject().put("application", letter.application()).put("id", letter.id())
                    .put("reason", letter.reason()).put("times", letter.times())
                    .put("deadLetteredAt", letter.deadLetteredAt().toString());
        }
        return array;
    }
}
