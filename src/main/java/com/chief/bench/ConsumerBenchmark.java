package com.chief.bench;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.CheckpointStore;
import com.chief.consume.ConsumerMetrics;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.DeadLetters;
import com.chief.consume.PollingStreamConsumer;
import com.chief.consume.UserRecord;
import com.chief.kinesis.KplRecordProducer;
import com.chief.kinesis.ProducedRecord;
import com.chief.local.LocalStack;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code java -jar chief.jar bench-consumer [--orders N] [--db-server URL]}: the same stream of
 * orders (5% repeats) consumed twice with checkpoints, once with Chief's per-batch dedupe and once
 * through a Camel {@code idempotentConsumer} with a per-message {@link JdbcMessageIdRepository},
 * both on the given database (default: MariaDB at 127.0.0.1:3306, database {@code chief_bench}).
 */
public final class ConsumerBenchmark {

    private ConsumerBenchmark() {
    }

    public static int run(List<String> args) throws Exception {
        Optional<BenchOptions> options = BenchOptions.parse("bench-consumer", args, 20_000);
        if (options.isEmpty()) {
            return 2;
        }
        int orders = options.get().orders();
        String dbUrl = options.get().freshDatabase("chief_bench");
        Path dataDir = Files.createTempDirectory("chief-bench");
        ChiefSettings settings = BenchStack.settings(dataDir);
        LocalStack stack = new LocalStack(settings);
        stack.start();
        try (KinesisClient kinesis = AwsClients.kinesis(settings);
                HikariDataSource db = DataSources.create(new ChiefSettings.Database(dbUrl, "", "", false))) {
            DatabaseMigrations.migrate(db);
            kinesis.createStream(r -> r.streamName("BenchConsume").shardCount(4));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("BenchConsume"));
            int unique = produce(settings, orders);
            System.out.printf("Consumer benchmark: %d order records (%d unique) in a 4-shard local Kinesis stream, dedupe in %s%n",
                    orders, unique, dbUrl.replaceFirst("\\?.*", ""));

            BatchDeduplicator dedupe = new BatchDeduplicator(db);
            AtomicLong batchFresh = new AtomicLong();
            double batchSeconds = consume(kinesis, db, "bench-batch", orders, batch -> {
                List<UserRecord> fresh = dedupe.unseen("bench-batch", batch.records(), UserRecord::partitionKey);
                batchFresh.addAndGet(fresh.size());
                dedupe.remember("bench-batch", fresh.stream().map(UserRecord::partitionKey).toList());
                return batch.last();
            });

            AtomicLong perMessageFresh = new AtomicLong();
            double perMessageSeconds;
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                JdbcMessageIdRepository repository = new JdbcMessageIdRepository(db, "bench-per-message");
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:per-message")
                                .idempotentConsumer(header("orderId"), repository)
                                .process(exchange -> perMessageFresh.incrementAndGet());
                    }
                });
                camel.start();
                ProducerTemplate template = camel.createProducerTemplate();
                perMessageSeconds = consume(kinesis, db, "bench-per-message", orders, batch -> {
                    for (UserRecord record : batch.records()) {
                        template.sendBodyAndHeader("direct:per-message", record.data(), "orderId", record.partitionKey());
                    }
                    return batch.last();
                });
            }
            System.out.printf("%n%-46s %8s %8s %10s %8s%n", "dedupe", "records", "seconds", "orders/s", "unique");
            System.out.printf("%-46s %8d %8.1f %10.0f %8d%n", "Chief per batch (SELECT IN + INSERT IGNORE)", orders,
                    batchSeconds, orders / batchSeconds, batchFresh.get());
            System.out.printf("%-46s %8d %8.1f %10.0f %8d%n", "Camel JdbcMessageIdRepository, per message", orders,
                    perMessageSeconds, orders / perMessageSeconds, perMessageFresh.get());
            System.out.printf("%nPer batch: %.1fx the orders per second%n", perMessageSeconds / batchSeconds);
        } finally {
            stack.stop();
        }
        return 0;
    }

    /** Orders keyed by order id; every 20th repeats an earlier id. Returns the number of unique ids. */
    private static int produce(ChiefSettings settings, int orders) throws Exception {
        KplRecordProducer producer = new KplRecordProducer(AwsClients.kpl(settings), 10_000, settings.producer().maxOutstandingBytes(), 3);
        producer.start();
        try {
            producer.warmUp(List.of("BenchConsume"), Duration.ofSeconds(30));
            List<CompletableFuture<ProducedRecord>> acks = new ArrayList<>();
            int unique = 0;
            for (int i = 0; i < orders; i++) {
                String id = i % 20 == 19 ? "bench-" + (i - 10) : "bench-" + i; // i - 10 is never itself a repeat
                unique += i % 20 == 19 ? 0 : 1;
                acks.add(producer.send("BenchConsume", id, ("{\"orderId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            return unique;
        } finally {
            producer.stop();
        }
    }

    /** Reads the whole stream as application {@code name}; seconds until every record was handled. */
    private static double consume(KinesisClient kinesis, HikariDataSource db, String name, int records, BatchHandler handler)
            throws Exception {
        AtomicLong handled = new AtomicLong();
        PollingStreamConsumer consumer = new PollingStreamConsumer(new ConsumerSettings(name, "BenchConsume",
                ShardIteratorType.TRIM_HORIZON, 500, Duration.ofMillis(200), 500, Duration.ofSeconds(5), 3), kinesis,
                new CheckpointStore(db), batch -> {
                    Checkpoint done = handler.handle(batch);
                    handled.addAndGet(batch.records().size());
                    return done;
                }, new DeadLetters(Files.createTempDirectory("bench-dead-letters"), new SimpleMeterRegistry()),
                new ConsumerMetrics(new SimpleMeterRegistry()));
        long started = System.nanoTime();
        consumer.start();
        while (handled.get() < records) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        consumer.stop();
        return seconds;
    }
}
