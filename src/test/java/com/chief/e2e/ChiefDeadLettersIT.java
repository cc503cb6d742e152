package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.generate.OrderFiles;
import com.chief.generate.OrderGenerator;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Day-2 operations on the packaged jar: the webhook receiver refuses every message of three orders
 * while it takes the others, so after {@code CHIEF_NOTIFY_RETRY_DURATION_MS} their messages are
 * dead-lettered; {@code java -jar chief.jar dead-letters list} shows them, a replay while the
 * receiver still refuses leaves them, and once it accepts them a replay tells each customer once —
 * a second replay of the same letters tells nobody again. Then {@code java -jar chief.jar trace}
 * of one of them shows every stage, read from the sinks.
 */
class ChiefDeadLettersIT {

    private static final String PASSWORD = "test-only-password";
    private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String NOTIFY = "jobresult-notify";
    /** The stages of an order trace ({@code /ops/orders/{id}}) that hold a delivered order. */
    static final List<String> STAGES = List.of("intake", "archive", "searchDocument", "searchJobStatus", "searchJobHistory",
            "ordersRow", "jobResultEvents", "job", "notifications");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    private final WebhookReceiver webhook = new WebhookReceiver();
    private ChiefProcess chief;
    private int seed = 1;

    @Test
    void refusedMessagesAreDeadLetteredReplayedOnceAcceptedAndTraced() throws Exception {
        List<String> first = orders(30);
        List<String> refused = first.subList(0, 3).stream().map(ChiefDeadLettersIT::orderId).toList();
        webhook.start();
        refused.forEach(webhook::refuse);
        try (ChiefProcess started = ChiefProcess.start(workDir, Map.of(
                "CHIEF_TAILOR_SPEED_FACTOR", "36000",
                "CHIEF_AURORA_CRON", "0/5 * * * * ?",
                "CHIEF_ARCHIVE_MAX_AGE_MS", "2000",
                "CHIEF_NOTIFY_CHANNEL", "webhook",
                "CHIEF_NOTIFY_WEBHOOK_URL", webhook.url(),
                "CHIEF_NOTIFY_RETRY_DELAY_MS", "100",
                "CHIEF_NOTIFY_RETRY_DURATION_MS", "3000",
                "CHIEF_MANAGEMENT_USER", "ops",
                "CHIEF_MANAGEMENT_PASSWORD", PASSWORD))) {
            chief = started;
            try {
                chief.awaitHealthy();
            } catch (RuntimeException e) {
                throw new AssertionError("Chief did not start; its log:\n" + chief.log(), e);
            }
            // health may be UP a moment before the last routes (the operations API's) take requests
            await().atMost(Duration.ofSeconds(60)).until(() -> get("/ops/dead-letters").statusCode() == 200);
            int total = drop(first);
            // other customers' messages keep coming, so the three refused ones are refusals, not an outage
            long start = System.nanoTime();
            while (deadLettered() < refused.size()) {
                assertThat(System.nanoTime() - start).as("three letters within 3 min; log:\n" + chief.log())
                        .isLessThan(TimeUnit.MINUTES.toNanos(3));
                total += drop(orders(5));
                Thread.sleep(2_000); // paces the load generator: a few orders of other customers every two seconds
            }
            int others = total - refused.size();
            await().atMost(Duration.ofMinutes(2)).until(() -> webhook.deliveries().size() == others);

            Run list = jar("dead-letters", "list");
            System.out.println("dead-letters list:\n" + list.out());
            assertThat(list.exit()).isZero();
            JsonNode notify = application(Json.MAPPER.readTree(list.out()), NOTIFY);
            assertThat(notify.path("count").asInt()).isEqualTo(3);
            assertThat(notify.path("reasons").get(0).path("count").asInt()).isEqualTo(3);
            assertThat(notify.path("reasons").get(0).path("reason").asText()).contains("refused").doesNotContain(refused.get(0));
            assertThat(Json.MAPPER.readTree(chief.get("/status/data.json").body()).path("headline").path("deadLetters").asInt())
                    .as("the status page's count of letters set aside").isEqualTo(3);

            assertThat(post("/ops/dead-letters/" + NOTIFY + "/replay", null).statusCode()).as("no login").isEqualTo(401);
            Run stillRefused = jar("dead-letters", "replay", NOTIFY);
            System.out.println("replay while refused:\n" + stillRefused.out() + stillRefused.err());
            JsonNode refusedAnswer = Json.MAPPER.readTree(stillRefused.out());
            assertThat(refusedAnswer.path("replayed").asInt()).isZero();
            assertThat(refusedAnswer.path("failed").asInt()).isEqualTo(3);
            assertThat(deadLettered()).isEqualTo(3);

            refused.forEach(webhook::accept);
            Run replay = jar("dead-letters", "replay", NOTIFY);
            System.out.println("replay once accepted:\n" + replay.out());
            assertThat(replay.exit()).isZero();
            assertThat(Json.MAPPER.readTree(replay.out()).path("replayed").asInt()).isEqualTo(3);
            assertThat(deadLettered()).isZero();
            for (String order : refused) {
                assertThat(webhook.deliveries().keySet()).filteredOn(key -> key.startsWith("<" + order + "."))
                        .singleElement().satisfies(key -> assertThat(webhook.deliveries().get(key).get()).isEqualTo(1));
            }

            // a letter put back on the shelf (an operator's copy) replays without telling anyone twice
            Path replayed = chief.workDir.resolve("data/dead-letter/replayed/" + NOTIFY);
            Path copy;
            try (var letters = Files.list(replayed)) {
                copy = letters.findFirst().orElseThrow();
            }
            Files.copy(copy, chief.workDir.resolve("data/dead-letter/" + NOTIFY).resolve(copy.getFileName()));
            Run again = jar("dead-letters", "replay", NOTIFY, "--id", copy.getFileName().toString());
            assertThat(Json.MAPPER.readTree(again.out()).path("replayed").asInt()).isEqualTo(1);
            assertThat(webhook.deliveries().values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(total);

            String traced = refused.get(0);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                JsonNode trace = Json.MAPPER.readTree(get("/ops/orders/" + traced).body());
                return STAGES.stream().allMatch(stage -> trace.path(stage).path("found").asBoolean());
            });
            Run trace = jar("trace", traced);
            System.out.println("trace:\n" + trace.out());
            assertThat(trace.exit()).isZero();
            JsonNode document = Json.MAPPER.readTree(trace.out());
            assertThat(STAGES).allSatisfy(stage -> assertThat(document.path(stage).path("found").asBoolean()).as(stage).isTrue());
            assertThat(document.path("notifications").path("sent")).hasSize(1);
            assertThat(document.path("deadLetters").path("found").asBoolean()).isFalse();
            assertThat(document.path("deadLetters").path("replayed")).hasSize(1);
            assertThat(document.path("archive").path("orderKeys").get(0).asText()).startsWith("orders/");

            Run unknown = jar("trace", "web-0000000000");
            System.out.println("trace of an unknown order:\n" + unknown.err());
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(Json.MAPPER.readTree(unknown.err()).path("found").asBoolean()).isFalse();
            HttpResponse<String> hostile = get("/ops/orders/..%2F..%2Fetc%2Fpasswd");
            assertThat(hostile.statusCode()).isEqualTo(404);
            assertThat(get("/ops/orders/x'%20OR%20'1'%3D'1").statusCode()).isEqualTo(404);
        } finally {
            webhook.close();
        }
    }

    private List<String> orders(int count) {
        return new OrderGenerator(ReferenceData.load(Path.of("reference-data.yaml")), seed++, Clock.systemUTC())
                .generate(count, 0, 0, 0).records();
    }

    private int drop(List<String> orders) throws IOException {
        Path staging = Files.createDirectories(workDir.resolve("staging"));
        for (Path file : OrderFiles.write(staging, "orders-" + seed, orders, orders.size())) {
            ChiefProcess.drop(file, chief.workDir.resolve("data/inbox/orders"));
        }
        return orders.size();
    }

    private static String orderId(String order) {
        try {
            return Json.MAPPER.readTree(order).path("orderId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int deadLettered() throws IOException {
        HttpResponse<String> list = get("/ops/dead-letters");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode notify = application(Json.MAPPER.readTree(list.body()), NOTIFY);
        return notify == null ? 0 : notify.path("count").asInt();
    }

    private static JsonNode application(JsonNode list, String name) {
        for (JsonNode application : list.path("applications")) {
            if (application.path("application").asText().equals(name)) {
                return application;
            }
        }
        return null;
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(chief.management(path)).header("Authorization", LOGIN).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(chief.management(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Run(int exit, String out, String err) {
    }

    /** {@code java -jar chief.jar <args>} as an operator runs it against this Chief. */
    private Run jar(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ChiefProcess.command(ChiefProcess.jar(), args)).directory(workDir.toFile());
        builder.environment().putAll(Map.of("CHIEF_MANAGEMENT_URL", chief.management("").toString(),
                "CHIEF_MANAGEMENT_USER", "ops", "CHIEF_MANAGEMENT_PASSWORD", PASSWORD));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
