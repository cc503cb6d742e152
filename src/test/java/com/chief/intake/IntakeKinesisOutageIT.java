package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.kinesis.KplRecordProducer;
import com.chief.kinesis.StreamReader;
import com.chief.local.KinesisEmulator;
import com.chief.support.FreePorts;
import com.chief.support.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Kinesis is down when a file arrives: the file stays in the inbox, and goes through once Kinesis is back. */
class IntakeKinesisOutageIT {

    @TempDir
    Path dataDir;

    private final int plainPort = FreePorts.next();
    private final int tlsPort = FreePorts.next();
    private final int stsPort = FreePorts.next();
    /** Answers the KPL's STS call at its start, while this test's Kinesis is still down (its own Kinesis ports go unused). */
    private KinesisEmulator sts;
    private KinesisEmulator kinesis;

    @BeforeEach
    void credentials() {
        // a configured endpoint takes its credentials from AWS's chain
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        sts = new KinesisEmulator("node", dataDir.resolve("sts"), FreePorts.next(), FreePorts.next(), stsPort);
        sts.start();
    }

    @AfterEach
    void cleanUp() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        sts.close();
        if (kinesis != null) {
            kinesis.close();
        }
    }

    private FileIntake intake(KplRecordProducer producer, String stream, int maxAttempts, Duration retryDelay) {
        Clock clock = Clock.systemUTC();
        return new FileIntake("orders", new OrderParser(OrderParserTest.REFERENCE, clock), producer, stream,
                new IntakeFolders(dataDir.resolve("archive"), dataDir.resolve("error"), dataDir.resolve("rejected"), clock),
                new IntakeRetries(maxAttempts, retryDelay, clock), new IntakeMetrics(new SimpleMeterRegistry(), "orders"),
                1_000_000, Duration.ofSeconds(60));
    }

    /** The KPL pointed at a Kinesis that is not there (yet), with a short record TTL. */
    private ChiefSettings kinesisAt(int kplPort, String recordTtlMs) {
        return TestSettings.local(dataDir, Map.of(
                "chief.kinesis.endpoint", "http://127.0.0.1:" + plainPort,
                "chief.kinesis.producer.endpoint", "https://127.0.0.1:" + kplPort,
                "chief.kinesis.producer.sts-endpoint", "https://127.0.0.1:" + stsPort,
                "chief.kinesis.producer.verify-certificate", "false",
                "chief.kinesis.producer.record-ttl-ms", recordTtlMs,
                "chief.kinesis.producer.max-attempts", "1"));
    }

    @Test
    void aFileWaitsInTheInboxWhileKinesisIsDownAndIsArchivedWhenItIsBack() throws Exception {
        ChiefSettings settings = kinesisAt(tlsPort, "3000");
        KplRecordProducer producer = new KplRecordProducer(AwsClients.kpl(settings), 1000, settings.producer().maxOutstandingBytes(), 1);
        producer.start();
        try {
            FileIntake intake = intake(producer, "Outage", 5, Duration.ofSeconds(1));
            Path inbox = Files.createDirectories(dataDir.resolve("inbox"));
            Path file = Files.writeString(inbox.resolve("while-down.ndjson"),
                    FileIntakeIT.order("down-1", "2026-11-22T10:00:00Z") + "\n" + FileIntakeIT.order("down-2", "2026-11-22T10:00:00Z"));

            intake.process(file);
            assertThat(file).as("kept in the inbox for a later attempt").exists();
            assertThat(dataDir.resolve("archive")).doesNotExist();
            assertThat(dataDir.resolve("error")).doesNotExist();

            kinesis = new KinesisEmulator("node", dataDir.resolve("kinesis-back"), plainPort, tlsPort, FreePorts.next());
            kinesis.start();
            try (KinesisClient client = AwsClients.kinesis(settings)) {
                client.createStream(r -> r.streamName("Outage").shardCount(1));
                client.waiter().waitUntilStreamExists(r -> r.streamName("Outage"));

                intake.process(file);
                assertThat(file).doesNotExist();
                assertThat(StreamReader.userRecords(StreamReader.kinesisRecords(client, "Outage")))
                        .extracting(r -> r.partitionKey()).contains("down-1", "down-2");
            }
        } finally {
            producer.stop();
        }
    }

    @Test
    void afterTheLastAttemptTheFileGoesToTheErrorFolderWithItsReason() throws Exception {
        ChiefSettings settings = kinesisAt(tlsPort, "2000");
        KplRecordProducer producer = new KplRecordProducer(AwsClients.kpl(settings), 1000, settings.producer().maxOutstandingBytes(), 1);
        producer.start();
        try {
            FileIntake intake = intake(producer, "Nowhere", 2, Duration.ofMillis(10));
            Path inbox = Files.createDirectories(dataDir.resolve("inbox"));
            Path file = Files.writeString(inbox.resolve("never.ndjson"), FileIntakeIT.order("never-1", "2026-11-22T10:00:00Z"));
            intake.process(file);
            assertThat(file).exists();
            intake.process(file);
            assertThat(file).doesNotExist();
            Path reason = dataDir.resolve("error/never.ndjson.reason.txt");
            assertThat(dataDir.resolve("error/never.ndjson")).exists();
            assertThat(Files.readString(reason))
                    .contains("1 read, 0 produced")
                    .contains("1 of 1 valid records were not accepted by Kinesis")
                    .contains("never-1");
        } finally {
            producer.stop();
        }
    }
}
