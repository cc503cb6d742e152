package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.kinesis.StreamReader;
import com.chief.kinesis.WarmUpRecord;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Chief is killed (SIGKILL) in the middle of a file; after a restart every order of the file is in the stream. */
class ChiefCrashIT {

    private static final int ORDERS = 30_000;

    @TempDir
    Path workDir;

    @Test
    void aFileInterruptedByACrashIsProcessedAgainAfterTheRestart() throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("data/inbox/orders"));
        Path staged = workDir.resolve("big.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
            for (int i = 0; i < ORDERS; i++) {
                out.write("{\"orderId\":\"crash-" + i + "\",\"userid\":\"c" + i + "@example.com\",\"gender\":\"M\",\"size\":\"L\","
                        + "\"material\":\"linen\",\"design\":\"aqua\",\"timestamp\":\"2026-11-22T04:00:00Z\"}\n");
            }
        }
        Map<String, Integer> ports;
        // this test is about intake: only the archive reads the streams, so the emulator serves the producer
        Map<String, String> env = Map.of("CHIEF_CONSUMER_APPLICATIONS", "order-archive");
        try (ChiefProcess first = ChiefProcess.start(workDir, env)) {
            ports = first.ports;
            first.awaitHealthy();
            Files.move(staged, inbox.resolve("big.ndjson"), StandardCopyOption.ATOMIC_MOVE);
            // kill as soon as part of the file is in Kinesis (its first orders are in the stream)
            try (KinesisClient kinesis = first.kinesis()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> StreamReader.userRecords(StreamReader.kinesisRecords(kinesis, "OrdersStream")).stream()
                                .anyMatch(r -> r.partitionKey().startsWith("crash-")));
            }
            first.kill();
        }
        assertThat(inbox.resolve("big.ndjson")).as("still in the inbox after the crash").exists();

        Map<String, String> again = new java.util.HashMap<>(env);
        ports.forEach((key, port) -> again.put(key, String.valueOf(port)));
        try (ChiefProcess second = ChiefProcess.start(workDir, again)) {
            second.awaitHealthy();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !Files.exists(inbox.resolve("big.ndjson")));
            assertThat(second.log()).contains("big.ndjson: " + ORDERS + " read, " + ORDERS + " produced");
            try (KinesisClient kinesis = second.kinesis()) {
                Set<String> ids = new HashSet<>();
                StreamReader.userRecords(StreamReader.kinesisRecords(kinesis, "OrdersStream")).stream()
                        .filter(r -> !WarmUpRecord.is(r.partitionKey()))
                        .forEach(r -> ids.add(r.partitionKey()));
                assertThat(ids).hasSize(ORDERS);
            }
            second.terminate(Duration.ofSeconds(40));
        }
    }


}
