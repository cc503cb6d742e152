package com.chief.bench;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.generate.OrderGenerator;
import com.chief.intake.OrderParser;
import com.chief.intake.ParsedRecord;
import com.chief.intake.RawRecord;
import com.chief.kinesis.KplRecordProducer;
import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.StreamReader;
import com.chief.local.LocalStack;
import com.chief.model.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * {@code java -jar chief.jar bench-producer [--orders N] [--plain-orders N]}: the same generated
 * orders through Chief's KPL producer and through a plain Camel route that makes one PutRecord
 * per order, both into a private Kinesis emulator, and the numbers side by side.
 */
public final class ProducerBenchmark {

    private record Result(String name, int orders, double seconds, long kinesisRecords, long bytes) {
        void print() {
            System.out.printf("%-34s %8d %8.1f %10.0f %10d %12.1f %10.0f %8.1f%n", name, orders, seconds, orders / seconds,
                    kinesisRecords, kinesisRecords / seconds, (double) bytes / kinesisRecords, (double) orders / kinesisRecords);
        }
    }

    private ProducerBenchmark() {
    }

    public static int run(List<String> args) throws Exception {
        int orders = 50_000;
        int plainOrders = 5_000;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--orders" -> orders = Integer.parseInt(args.get(i + 1));
                case "--plain-orders" -> plainOrders = Integer.parseInt(args.get(i + 1));
                default -> {
                    System.err.println("usage: java -jar chief.jar bench-producer [--orders N] [--plain-orders N]");
                    return 2;
                }
            }
        }
        Path dataDir = Files.createTempDirectory("chief-bench");
        ChiefSettings settings = BenchStack.settings(dataDir);
        List<byte[]> payloads = payloads(orders);
        System.out.printf("Producer benchmark: %d generated orders (%d bytes on average) into a fresh local Kinesis emulator%n",
                payloads.size(), payloads.stream().mapToInt(p -> p.length).sum() / payloads.size());
        LocalStack stack = new LocalStack(settings);
        stack.start();
        try (KinesisClient kinesis = AwsClients.kinesis(settings)) {
            for (String stream : List.of("BenchKpl", "BenchPlain")) {
                kinesis.createStream(r -> r.streamName(stream).shardCount(4));
                kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
            }
            Result kpl = kpl(settings, kinesis, payloads);
            Result plain = plain(kinesis, payloads.subList(0, Math.min(plainOrders, payloads.size())));
            System.out.printf("%n%-34s %8s %8s %10s %10s %12s %10s %8s%n", "producer", "orders", "seconds", "orders/s",
                    "kinesis", "kinesis/s", "bytes/rec", "ratio");
            kpl.print();
            plain.print();
            System.out.printf("%nKPL vs plain: %.1fx the orders per second, %.0fx fewer Kinesis records per order%n",
                    (kpl.orders() / kpl.seconds()) / (plain.orders() / plain.seconds()),
                    ((double) kpl.orders() / kpl.kinesisRecords()) / ((double) plain.orders() / plain.kinesisRecords()));
        } finally {
            stack.stop();
        }
        return 0;
    }

    private static Result kpl(ChiefSettings settings, KinesisClient kinesis, List<byte[]> payloads) throws Exception {
        KplRecordProducer producer = new KplRecordProducer(AwsClients.kpl(settings),
                settings.producer().maxOutstanding(), settings.producer().maxOutstandingBytes(), settings.producer().maxAttempts());
        producer.start();
        try {
            producer.warmUp(List.of("BenchKpl"), Duration.ofSeconds(30));
            long warmUpRecords = count(kinesis, "BenchKpl")[0];
            long started = System.nanoTime();
            List<CompletableFuture<ProducedRecord>> acks = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                acks.add(producer.send("BenchKpl", "bench-" + i, payloads.get(i)));
            }
            producer.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] stored = count(kinesis, "BenchKpl");
            return new Result("Chief KPL producer (aggregated)", payloads.size(), seconds, stored[0] - warmUpRecords, stored[1]);
        } finally {
            producer.stop();
        }
    }

    private static Result plain(KinesisClient kinesis, List<byte[]> payloads) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("kinesisClient", kinesis);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:plain")
                            .to("aws2-kinesis://BenchPlain?amazonKinesisClient=#kinesisClient");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            long started = System.nanoTime();
            for (int i = 0; i < payloads.size(); i++) {
                template.sendBodyAndHeader("direct:plain", payloads.get(i), Kinesis2Constants.PARTITION_KEY, "bench-" + i);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] stored = count(kinesis, "BenchPlain");
            return new Result("Camel aws2-kinesis, 1 PutRecord/order", payloads.size(), seconds, stored[0], stored[1]);
        }
    }

    /** Kinesis records in a stream and their total bytes. */
    private static long[] count(KinesisClient kinesis, String stream) {
        List<Record> records = StreamReader.kinesisRecords(kinesis, stream);
        return new long[] {records.size(), records.stream().mapToLong(r -> r.data().asByteArrayUnsafe().length).sum()};
    }

    /** Valid orders as they travel on the stream (4 online to 1 store). */
    static List<byte[]> payloads(int orders) {
        ReferenceData reference = ReferenceData.load(Path.of(ReferenceData.FILE_NAME));
        OrderParser parser = new OrderParser(reference, Clock.systemUTC());
        List<byte[]> payloads = new ArrayList<>(orders);
        long n = 0;
        for (String record : new OrderGenerator(reference, 42, Clock.systemUTC()).generate(orders * 4 / 5, orders / 5, 0, 0).records()) {
            if (parser.parse(RawRecord.value(++n, record)) instanceof ParsedRecord.Accepted a) {
                payloads.add(a.json());
            }
        }
        return payloads;
    }
}
