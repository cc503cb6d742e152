package com.chief.ops;

import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.ReplayShards;
import com.chief.consume.SystemFailures;
import com.chief.health.Reasons;
import com.chief.model.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands dead letters back to their application's own handler, one record per batch, as the shard
 * reader would: the same dedupe, final-status guard and "told once" record as live traffic, so a
 * replay of what is already done changes nothing. A letter whose record went through moves to
 * {@code replayed/}; one the handler dead-letters again stays, its new reason appended by
 * {@link DeadLetters}; one it could not take now (its route stopped, its sink down, a message still
 * refused) stays untouched, the answer says why. One replay at a time, so a letter is handed over once.
 */
public final class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final DeadLetterShelf shelf;
    private final DeadLetters deadLetters;
    private final Map<String, ConsumingApplication> applications;

    public DeadLetterReplay(DeadLetterShelf shelf, DeadLetters deadLetters, List<ConsumingApplication> applications) {
        this.shelf = shelf;
        this.deadLetters = deadLetters;
        this.applications = applications.stream().collect(Collectors.toMap(ConsumingApplication::name, Function.identity()));
    }

    public boolean knows(String application) {
        return applications.containsKey(application);
    }

    /** {@code {"replayed":n,"failed":m,"stillDeadLettered":[{"id","reason"}]}}; {@code since}/{@code id} narrow the letters. */
    public synchronized ObjectNode replay(String application, Optional<Instant> since, Optional<String> id) throws IOException {
        ConsumingApplication consumer = applications.get(application);
        if (consumer == null) {
            throw new IllegalArgumentException("no application " + application + " (known: " + applications.keySet() + ")");
        }
        int replayed = 0;
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode still = Json.MAPPER.createArrayNode();
        for (DeadLetter letter : shelf.letters(application)) {
            if (since.isPresent() && letter.deadLetteredAt().isBefore(since.get()) || id.isPresent() && !letter.isNamed(id.get())) {
                continue;
            }
            String failure = handOver(consumer, letter);
            if (failure == null) {
                shelf.replayed(letter);
                replayed++;
            } else {
                still.addObject().put("id", letter.id()).put("orderId", letter.orderId()).put("reason", failure);
            }
        }
        LOG.info("{}: {} dead letters replayed, {} still dead-lettered", application, replayed, still.size());
        answer.put("application", application).put("replayed", replayed).put("failed", still.size());
        answer.set("stillDeadLettered", still);
        return answer;
    }

    /** Null once the handler has fully taken the record; else why the letter stays. */
    private String handOver(ConsumingApplication consumer, DeadLetter letter) throws IOException {
        BatchHandler handler = consumer.handler();
        String shard = ReplayShards.of(letter.record().shardId());
        RecordBatch batch = new RecordBatch(consumer.name(), consumer.stream().name(), shard, List.of(letter.record()));
        try {
            Checkpoint done = handler.handle(batch);
            if (done == null) {
                done = handler.endOfShard(shard); // a buffering handler (the archive) writes it now
            }
            if (done == null) {
                handler.release(shard);
                return "the application holds it for a retry: its sink does not take it now";
            }
        } catch (Exception e) {
            handler.release(shard); // nothing of a replay lingers in the handler: the letter is the record's only copy
            if (SystemFailures.isSystemFailure(e)) {
                return "not taken now, the letter stays: " + Reasons.of(e);
            }
            deadLetters.write(consumer.name(), letter.record(), "replay failed: " + e.getClass().getName() + ": " + Reasons.of(e));
            return "failed again: " + Reasons.of(e);
        }
        DeadLetter after = Files.isRegularFile(letter.file()) ? DeadLetter.read(letter.file()) : letter;
        if (after.times() > letter.times()) {
            return "dead-lettered again: " + after.reason(); // the handler set it aside once more, with its new reason
        }
        return null;
    }
}
