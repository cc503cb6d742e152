package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.ChiefSettings;
import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.model.ReferenceData;
import com.chief.support.Databases;
import com.chief.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose records Kinesis is slow to acknowledge does not hold the files dropped after it
 * ({@code chief.intake.parallel-files}): they are read and archived meanwhile, and the slow one is
 * archived once its acknowledgements come.
 */
class ParallelIntakeIT {

    @TempDir
    Path dataDir;

    @Test
    void aFileWaitingForKinesisDoesNotHoldTheNextFiles() throws Exception {
        ChiefSettings settings = TestSettings.local(dataDir);
        ReferenceData reference = ReferenceData.load(settings.intake().referenceData());
        HeldProducer producer = new HeldProducer();
        try (Databases db = Databases.create()) {
            DefaultCamelContext context = IntakeHarness.start(settings, reference, producer, db.dataSource);
            try {
                Path inbox = settings.intake().ordersDir();
                IntakeHarness.drop(dataDir, inbox, "slow.ndjson", IntakeHarness.orders("slow-", 10));
                await().atMost(Duration.ofSeconds(20)).until(() -> !producer.held.isEmpty());
                for (int f = 0; f < 3; f++) {
                    IntakeHarness.drop(dataDir, inbox, "next-" + f + ".ndjson", IntakeHarness.orders("next" + f + "-", 10));
                }
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> IntakeHarness.fileNames(settings.intake().archiveDir()).size() == 3);
                assertThat(IntakeHarness.fileNames(settings.intake().archiveDir())).as("archived while slow.ndjson waits for Kinesis")
                        .containsExactlyInAnyOrder("next-0.ndjson", "next-1.ndjson", "next-2.ndjson");
                assertThat(Files.exists(inbox.resolve("slow.ndjson"))).isTrue();

                producer.held.forEach(ack -> ack.complete(new ProducedRecord("shardId-000000000000", "1", 1)));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> IntakeHarness.fileNames(settings.intake().archiveDir()).size() == 4);
                assertThat(producer.keys).as("each record produced once").hasSize(4 * 10).doesNotHaveDuplicates();
            } finally {
                context.stop();
            }
        }
    }

    /** Acknowledges at once, except the records whose key starts with "slow": those wait for the test. */
    private static final class HeldProducer implements RecordProducer {
        final Queue<String> keys = new ConcurrentLinkedQueue<>();
        final Queue<CompletableFuture<ProducedRecord>> held = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableFuture<ProducedRecord> send(String stream, String partitionKey, byte[] data) {
            keys.add(partitionKey);
            if (!partitionKey.startsWith("slow")) {
                return CompletableFuture.completedFuture(new ProducedRecord("shardId-000000000000", "1", 1));
            }
            CompletableFuture<ProducedRecord> ack = new CompletableFuture<>();
            held.add(ack);
            return ack;
        }

        @Override
        public void flush() {
        }
    }
}
