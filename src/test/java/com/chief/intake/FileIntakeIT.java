package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.kinesis.KplRecordProducer;
import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.kinesis.StreamReader;
import com.chief.kinesis.WarmUpRecord;
import com.chief.model.Json;
import com.chief.support.KinesisFixture;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Files through the real KPL into the Kinesis emulator, read back with KCL's de-aggregation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileIntakeIT {

    @TempDir
    static Path dataDir;

    private KinesisFixture fixture;
    private KinesisClient kinesis;
    private KplRecordProducer producer;
    private Path inbox;
    private String stream;
    private int streams;

    @BeforeAll
    void start() {
        fixture = new KinesisFixture(dataDir, 2000);
        kinesis = fixture.kinesis;
        producer = fixture.producer;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @BeforeEach
    void freshStream() throws Exception {
        stream = fixture.createStream("Orders" + (++streams), 4);
        inbox = Files.createDirectories(dataDir.resolve("inbox-" + stream));
    }

    @Test
    void everyFormatEndsAsExactlyItsValidOrdersAggregatedInTheStream() throws Exception {
        String a = order("fmt-a", "2026-11-22T10:00:00Z");
        String b = order("fmt-b", "2026/11/22 10:01:00");
        String c = order("fmt-c", "2026-11-22T10:02:00");
        String bad = "{\"orderId\":\"fmt-bad\",\"userid\":\"nobody\"}";
        drop("array.json", "[" + a + ",\n" + bad + "]");
        drop("lines.ndjson", b + "\n" + c + "\n");
        drop("single.json", "\uFEFF" + order("fmt-d", "2026-11-22T10:03:00Z"));
        FileIntake intake = intake(producer);
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path file : files.sorted().toList()) {
                intake.process(file);
            }
        }

        assertThat(userOrderIds()).containsExactlyInAnyOrder("fmt-a", "fmt-b", "fmt-c", "fmt-d");
        assertThat(inbox).isEmptyDirectory();
        assertThat(archived()).containsExactlyInAnyOrder("array.json", "lines.ndjson", "single.json");
        List<String> rejects = Files.readAllLines(dataDir.resolve("rejected/array.json.rejects.ndjson"));
        assertThat(rejects).hasSize(1);
        JsonNode reject = Json.MAPPER.readTree(rejects.get(0));
        assertThat(reject.get("record").asLong()).isEqualTo(2);
        assertThat(reject.get("line").asLong()).isEqualTo(2);
        assertThat(reject.get("reason").asText()).isEqualTo("INVALID_EMAIL");
        assertThat(reject.get("raw").asText()).isEqualTo(bad);
    }

    @Test
    void manyOrdersAreAggregatedAndDeaggregateToExactlyTheValidOnes() throws Exception {
        StringBuilder file = new StringBuilder();
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            if (i % 100 == 7) {
                file.append("{\"orderId\":\"bad-").append(i).append("\",\"gender\":\"Z\"}\n");
            } else {
                file.append(order("many-" + i, "2026-11-22T10:00:00Z")).append('\n');
                valid++;
            }
        }
        drop("many.ndjson", file.toString());
        intake(producer).process(inbox.resolve("many.ndjson"));

        List<Record> stored = StreamReader.kinesisRecords(kinesis, stream);
        List<String> ids = userOrderIds(stored);
        assertThat(ids).hasSize(valid).doesNotHaveDuplicates();
        assertThat(ids).allMatch(id -> id.startsWith("many-"));
        double ratio = (double) ids.size() / stored.size();
        System.out.printf("%d orders in %d Kinesis records (%.0f per record)%n", ids.size(), stored.size(), ratio);
        assertThat(ratio).as("orders per Kinesis record").isGreaterThan(50);
    }

    @Test
    void aCrashMidFileLeavesTheFileForTheNextRunWhichLosesNothing() throws Exception {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            file.append(order("crash-" + i, "2026-11-22T10:00:00Z")).append('\n');
        }
        drop("crash.ndjson", file.toString());
        // the process "dies" after 1000 records: sending stops with an error mid-file
        AtomicInteger sent = new AtomicInteger();
        RecordProducer dying = new RecordProducer() {
            @Override
            public CompletableFuture<ProducedRecord> send(String s, String key, byte[] data) throws InterruptedException {
                if (sent.incrementAndGet() > 1000) {
                    throw new IllegalStateException("process killed");
                }
                return producer.send(s, key, data);
            }

            @Override
            public void flush() {
                producer.flush();
            }
        };
        intake(dying).process(inbox.resolve("crash.ndjson"));
        assertThat(inbox.resolve("crash.ndjson")).as("not archived after the crash").exists();
        assertThat(archived()).doesNotContain("crash.ndjson");

        intake(producer).process(inbox.resolve("crash.ndjson"));
        assertThat(archived()).contains("crash.ndjson");
        Set<String> ids = Set.copyOf(userOrderIds());
        assertThat(ids).hasSize(3000);
    }

    private FileIntake intake(RecordProducer through) {
        Clock clock = Clock.systemUTC();
        return new FileIntake("orders", new OrderParser(OrderParserTest.REFERENCE, clock), through, stream,
                new IntakeFolders(dataDir.resolve("archive"), dataDir.resolve("error"), dataDir.resolve("rejected"), clock),
                new IntakeRetries(3, Duration.ofSeconds(1), clock), new IntakeMetrics(new SimpleMeterRegistry(), "orders"),
                1_000_000, Duration.ofSeconds(120));
    }

    private void drop(String name, String content) throws Exception {
        Files.writeString(inbox.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<String> archived() throws Exception {
        return IntakeHarness.fileNames(dataDir.resolve("archive"));
    }

    private List<String> userOrderIds() {
        return userOrderIds(StreamReader.kinesisRecords(kinesis, stream));
    }

    private static List<String> userOrderIds(List<Record> stored) {
        return StreamReader.userRecords(stored).stream()
                .filter(r -> !WarmUpRecord.is(r.partitionKey()))
                .map(r -> {
                    try {
                        JsonNode order = Json.MAPPER.readTree(StandardCharsets.UTF_8.decode(r.data()).toString());
                        assertThat(r.partitionKey()).isEqualTo(order.get("orderId").asText());
                        return order.get("orderId").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toList());
    }

    static String order(String id, String timestamp) {
        return "{\"orderId\":\"" + id + "\",\"userid\":\"" + id + "@example.com\",\"gender\":\"F\",\"size\":\"M\","
                + "\"material\":\"lace\",\"design\":\"velvet\",\"activityTimestamp\":\"" + timestamp + "\"}";
    }
}
