package com.chief.support;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.kinesis.KplRecordProducer;
import com.chief.local.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Only the Kinesis part of the embedded stack (emulator and STS stub), a client and a KPL producer. */
public final class KinesisFixture implements AutoCloseable {

    public final ChiefSettings settings;
    public final KinesisClient kinesis;
    public final KplRecordProducer producer;
    private final LocalStack stack;

    public KinesisFixture(Path dataDir, int maxOutstanding) {
        this(dataDir, maxOutstanding, Map.of());
    }

    /** {@code overrides}: more settings, e.g. {@code chief.consumer.engine=kcl} to start the embedded DynamoDB too. */
    public KinesisFixture(Path dataDir, int maxOutstanding, Map<String, String> overrides) {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "chief.s3.endpoint", "http://127.0.0.1:1", "chief.search.url", "http://127.0.0.1:1"));
        all.putAll(overrides);
        settings = TestSettings.local(dataDir, all);
        stack = new LocalStack(settings);
        stack.start();
        kinesis = AwsClients.kinesis(settings);
        producer = new KplRecordProducer(AwsClients.kpl(settings), maxOutstanding, settings.producer().maxOutstandingBytes(), 3);
        producer.start();
    }

    /** A new stream, and the producer warmed up for it. */
    public String createStream(String name, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(name));
        if (!producer.warmUp(List.of(name), Duration.ofSeconds(30))) {
            throw new IllegalStateException("KPL warm-up of " + name + " failed");
        }
        return name;
    }

    @Override
    public void close() {
        producer.stop();
        kinesis.close();
        stack.stop();
    }
}
