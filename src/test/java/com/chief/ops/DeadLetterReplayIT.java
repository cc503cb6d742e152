package com.chief.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.UserRecord;
import com.chief.model.Json;
import com.chief.sink.FinalStatuses;
import com.chief.sink.OneFinalStatus;
import com.chief.sink.notify.NotifyApplication;
import com.chief.support.Databases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters of jobresult-notify replayed through its own handler (behind the one-final-status
 * guard, over MariaDB), as the operations API does: each customer told once however often it is
 * replayed, a letter that fails again stays with its reasons, a channel that is down leaves every letter.
 */
class DeadLetterReplayIT {

    @TempDir
    Path dir;

    private Databases databases;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, AtomicInteger> told = new ConcurrentHashMap<>();
    private final AtomicBoolean channelDown = new AtomicBoolean();
    private DeadLetters deadLetters;
    private DeadLetterShelf shelf;
    private DeadLetterReplay replay;
    private long sequence;

    @BeforeEach
    void start() {
        databases = Databases.create();
        deadLetters = new DeadLetters(dir, meters);
        shelf = new DeadLetterShelf(dir);
        ConsumingApplication notify = OneFinalStatus.guard(NotifyApplication.create(databases.dataSource, Path.of("templates"),
                "orders@chief.example", notification -> {
                    if (channelDown.get()) {
                        throw new UncheckedIOException(new IOException("Connection refused"));
                    }
                    told.computeIfAbsent(notification.fileName(), k -> new AtomicInteger()).incrementAndGet();
                }, deadLetters, meters, 2, Duration.ofMillis(5), Duration.ofMinutes(5)),
                new FinalStatuses(databases.dataSource), deadLetters, meters);
        replay = new DeadLetterReplay(shelf, deadLetters, List.of(notify));
    }

    @AfterEach
    void stop() throws Exception {
        databases.close();
    }

    @Test
    void replayingTwiceTellsEachCustomerOnceAndMovesTheLettersToReplayed() throws Exception {
        UserRecord first = result("ORD-1", "Completed");
        UserRecord second = result("ORD-2", "Failed");
        deadLetters.write(NotifyApplication.NAME, first, "notification refused 3 times for PT15S while others were taken: 500");
        deadLetters.write(NotifyApplication.NAME, second, "notification refused 4 times for PT16S while others were taken: 500");

        ObjectNode answer = replay.replay(NotifyApplication.NAME, Optional.empty(), Optional.empty());

        assertThat(answer.path("replayed").asInt()).isEqualTo(2);
        assertThat(answer.path("failed").asInt()).isZero();
        assertThat(told).hasSize(2).allSatisfy((message, count) -> assertThat(count.get()).isEqualTo(1));
        assertThat(shelf.letters(NotifyApplication.NAME)).isEmpty();
        assertThat(dir.resolve("replayed/jobresult-notify")).isDirectoryContaining(file -> file.getFileName().toString()
                .equals(DeadLetters.fileName(first)));

        // the same records dead-lettered again (a second receiver outage, a copy restored by hand): nothing new to tell
        deadLetters.write(NotifyApplication.NAME, first, "again");
        deadLetters.write(NotifyApplication.NAME, second, "again");
        ObjectNode again = replay.replay(NotifyApplication.NAME, Optional.empty(), Optional.empty());

        assertThat(again.path("replayed").asInt()).isEqualTo(2);
        assertThat(told).hasSize(2).allSatisfy((message, count) -> assertThat(count.get()).isEqualTo(1));
        assertThat(Databases.rows(databases.dataSource, "SELECT order_id, status FROM notification_sent ORDER BY order_id"))
                .hasSize(2);
    }

    @Test
    void aLetterThatFailsAgainStaysWithItsNewReasonAppended() throws Exception {
        UserRecord garbage = record("ORD-3", "{\"orderId\":\"ORD-3\"}"); // no status: not a job result
        deadLetters.write(NotifyApplication.NAME, garbage, "not a job result: orderId and status are required");
        UserRecord fine = result("ORD-4", "Completed");
        deadLetters.write(NotifyApplication.NAME, fine, "notification refused 3 times");

        ObjectNode answer = replay.replay(NotifyApplication.NAME, Optional.empty(), Optional.empty());

        assertThat(answer.path("replayed").asInt()).isEqualTo(1);
        assertThat(answer.path("failed").asInt()).isEqualTo(1);
        assertThat(answer.path("stillDeadLettered").get(0).path("id").asText()).isEqualTo(DeadLetters.fileName(garbage));
        assertThat(answer.path("stillDeadLettered").get(0).path("reason").asText()).contains("dead-lettered again", "not a job result");
        JsonNode letter = Json.MAPPER.readTree(dir.resolve("jobresult-notify").resolve(DeadLetters.fileName(garbage)).toFile());
        assertThat(letter.path("times").asInt()).isEqualTo(2);
        assertThat(letter.path("reasons")).hasSize(2);
        assertThat(letter.path("record").asText()).isEqualTo("{\"orderId\":\"ORD-3\"}");
    }

    @Test
    void aChannelThatIsDownLeavesEveryLetterUntouchedAndSaysWhy() throws Exception {
        UserRecord record = result("ORD-5", "Completed");
        deadLetters.write(NotifyApplication.NAME, record, "notification refused 3 times");
        Path file = dir.resolve("jobresult-notify").resolve(DeadLetters.fileName(record));
        String before = Files.readString(file);
        channelDown.set(true);

        ObjectNode answer = replay.replay(NotifyApplication.NAME, Optional.empty(), Optional.empty());

        assertThat(answer.path("replayed").asInt()).isZero();
        assertThat(answer.path("stillDeadLettered").get(0).path("reason").asText()).contains("not taken now");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(told).isEmpty();

        channelDown.set(false); // the handler kept nothing of the failed replay: the next one sends it, once
        assertThat(replay.replay(NotifyApplication.NAME, Optional.empty(), Optional.of("ORD-5")).path("replayed").asInt()).isEqualTo(1);
        assertThat(told).hasSize(1);
    }

    private UserRecord result(String order, String status) {
        return record(order, "{\"orderId\":\"" + order + "\",\"customer\":\"" + order + "@example.com\",\"factoryId\":\"factory2\","
                + "\"robotId\":\"robot3\",\"status\":\"" + status + "\",\"timestamp\":\"" + Instant.now() + "\"}");
    }

    private UserRecord record(String partitionKey, String json) {
        return new UserRecord("shardId-000000000001", partitionKey, String.valueOf(++sequence), 0, Instant.now(),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
