package com.chief.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.local.LocalStack;
import com.chief.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class KplRecordProducerIT {

    @TempDir
    Path dataDir;

    @Test
    void aggregatesRecordsThatKclDeaggregatesToExactlyWhatWasSent() throws Exception {
        ChiefSettings settings = TestSettings.local(dataDir, Map.of(
                "chief.s3.endpoint", "http://127.0.0.1:1", "chief.search.url", "http://127.0.0.1:1"));
        LocalStack stack = new LocalStack(settings);
        stack.start();
        try (KinesisClient kinesis = AwsClients.kinesis(settings)) {
            kinesis.createStream(r -> r.streamName("Kpl").shardCount(4));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("Kpl"));
            KplRecordProducer producer = new KplRecordProducer(AwsClients.kpl(settings), 1000, settings.producer().maxOutstandingBytes(), 3);
            producer.start();
            assertThat(producer.warmUp(List.of("Kpl"), java.time.Duration.ofSeconds(30))).isTrue();
            try {
                int count = 5000;
                long started = System.nanoTime();
                List<CompletableFuture<ProducedRecord>> acks = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    acks.add(producer.send("Kpl", "order-" + i, ("{\"orderId\":\"order-" + i + "\"}").getBytes(StandardCharsets.UTF_8)));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                System.out.printf("%d records acknowledged in %d ms%n", count, (System.nanoTime() - started) / 1_000_000);

                List<Record> stored = StreamReader.kinesisRecords(kinesis, "Kpl");
                List<KinesisClientRecord> user = StreamReader.userRecords(stored).stream()
                        .filter(r -> !WarmUpRecord.is(r.partitionKey())).toList();
                System.out.printf("%d user records in %d Kinesis records%n", user.size(), stored.size());
                assertThat(stored.size()).as("aggregated").isLessThan(count / 10);
                Set<String> received = user.stream()
                        .map(r -> StandardCharsets.UTF_8.decode(r.data()).toString())
                        .collect(Collectors.toSet());
                assertThat(user).hasSize(count);
                assertThat(received).hasSize(count).contains("{\"orderId\":\"order-0\"}", "{\"orderId\":\"order-4999\"}");
                assertThat(user).allSatisfy(r -> assertThat(r.partitionKey()).startsWith("order-"));
            } finally {
                producer.stop();
            }
        } finally {
            stack.stop();
        }
    }
}
