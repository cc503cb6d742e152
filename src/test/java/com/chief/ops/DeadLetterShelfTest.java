package com.chief.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chief.consume.BatchHandler;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.UserRecord;
import com.chief.support.MovableClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterShelfTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private DeadLetters deadLetters;
    private long sequence;

    @BeforeEach
    void shelf() {
        deadLetters = new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry(), clock);
    }

    @Test
    void listsPerApplicationWithReasonsGroupedWithoutTheirIds() throws Exception {
        deadLetters.write("order-factory", order("ORD-17"), "no factory for zone north of ORD-17 (3 robots)");
        deadLetters.write("order-factory", order("ORD-2"), "no factory for zone north of ORD-2 (12 robots)");
        clock.advance(Duration.ofSeconds(1));
        deadLetters.write("order-factory", order("ORD-9"), "not an order: Unexpected character");
        deadLetters.write("jobresult-notify", order("ORD-5"), "refused: Exchange[A1B2C3D4E5F6A7B-0000000000000003]: HTTP 500");
        deadLetters.write("jobresult-notify", order("ORD-6"), "refused: Exchange[9F8E7D6C5B4A3F2-0000000000000007]: HTTP 500");

        JsonNode summary = new DeadLetterShelf(deadLetters.dir()).summary();

        assertThat(summary.path("total").asInt()).isEqualTo(5);
        JsonNode factory = summary.path("applications").get(1);
        assertThat(factory.path("application").asText()).isEqualTo("order-factory");
        assertThat(factory.path("count").asInt()).isEqualTo(3);
        assertThat(factory.path("reasons").get(0).path("reason").asText()).isEqualTo("no factory for zone north of <order> (# robots)");
        assertThat(factory.path("reasons").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(factory.path("reasons").get(1).path("count").asInt()).isEqualTo(1);
        assertThat(Instant.parse(factory.path("oldest").asText())).isBefore(Instant.parse(factory.path("newest").asText()));
        JsonNode notify = summary.path("applications").get(0);
        assertThat(notify.path("application").asText()).isEqualTo("jobresult-notify");
        assertThat(notify.path("reasons")).singleElement().satisfies(reason -> {
            assertThat(reason.path("reason").asText()).isEqualTo("refused: Exchange[#]: HTTP #");
            assertThat(reason.path("count").asInt()).isEqualTo(2);
        });
    }

    @Test
    void replayTakesOnlyTheLettersNamedOrNewerAndLeavesThoseARouteDidNotTake() throws Exception {
        UserRecord one = order("ORD-1");
        UserRecord two = order("ORD-2");
        deadLetters.write("order-factory", one, "unroutable");
        clock.advance(Duration.ofMillis(5));
        Instant between = clock.instant();
        clock.advance(Duration.ofMillis(5));
        deadLetters.write("order-factory", two, "unroutable");
        DeadLetterShelf shelf = new DeadLetterShelf(deadLetters.dir());
        List<String> handed = new java.util.concurrent.CopyOnWriteArrayList<>();
        boolean[] routeStopped = {true};
        BatchHandler handler = batch -> {
            if (routeStopped[0]) {
                throw new DirectConsumerNotAvailableException("No consumers available on endpoint: direct://order-factory", null);
            }
            handed.add(new String(batch.records().get(0).data(), StandardCharsets.UTF_8));
            return batch.last();
        };
        DeadLetterReplay replay = new DeadLetterReplay(shelf, deadLetters,
                List.of(new ConsumingApplication("order-factory", ConsumedStream.ORDERS, handler)));

        JsonNode stopped = replay.replay("order-factory", Optional.empty(), Optional.empty());
        assertThat(stopped.path("replayed").asInt()).isZero();
        assertThat(stopped.path("failed").asInt()).isEqualTo(2);
        assertThat(stopped.path("stillDeadLettered").get(0).path("reason").asText()).contains("No consumers available");
        assertThat(shelf.letters("order-factory")).hasSize(2).allSatisfy(letter -> assertThat(letter.times()).isEqualTo(1));

        routeStopped[0] = false;
        assertThat(replay.replay("order-factory", Optional.of(between), Optional.empty()).path("replayed").asInt()).isEqualTo(1);
        assertThat(handed).singleElement().asString().contains("ORD-2");
        assertThat(replay.replay("order-factory", Optional.empty(), Optional.of(DeadLetters.fileName(one))).path("replayed").asInt())
                .isEqualTo(1);
        assertThat(shelf.letters("order-factory")).isEmpty();
        assertThat(Files.list(deadLetters.dir().resolve("replayed/order-factory")).count()).isEqualTo(2);
        assertThatThrownBy(() -> replay.replay("../order-factory", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordThatBreaksTheHandlerAgainKeepsItsLetterWithBothReasons() throws Exception {
        UserRecord one = order("ORD-1");
        deadLetters.write("order-search", one, "failed 3 times on its own: java.lang.IllegalStateException: bug");
        DeadLetterShelf shelf = new DeadLetterShelf(deadLetters.dir());
        DeadLetterReplay replay = new DeadLetterReplay(shelf, deadLetters, List.of(new ConsumingApplication("order-search",
                ConsumedStream.ORDERS, batch -> {
                    throw new IllegalStateException("still a bug");
                })));

        JsonNode answer = replay.replay("order-search", Optional.empty(), Optional.of("ORD-1"));

        assertThat(answer.path("failed").asInt()).isEqualTo(1);
        DeadLetter letter = shelf.letters("order-search").get(0);
        assertThat(letter.times()).isEqualTo(2);
        assertThat(letter.reason()).contains("replay failed", "still a bug");
    }

    private UserRecord order(String id) {
        return new UserRecord("shardId-000000000000", id, String.valueOf(++sequence), 0, Instant.now(),
                ("{\"orderId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
