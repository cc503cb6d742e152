package com.chief.bench;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.bootstrap.SearchTemplates;
import com.chief.config.AuroraLoaders;
import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.config.SearchClients;
import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.UserRecord;
import com.chief.instance.InstanceIds;
import com.chief.local.LocalStack;
import com.chief.sink.aurora.LoadRun;
import com.chief.sink.aurora.RowLoader;
import com.chief.sink.s3.ArchiveApplication;
import com.chief.sink.s3.ArchiveRoutes;
import com.chief.sink.s3.LateArchiveHours;
import com.chief.sink.s3.S3ArchiveWriter;
import com.chief.sink.search.SearchApplication;
import com.chief.sink.search.SearchDocuments;
import com.chief.sink.search.SearchRefusals;
import com.chief.sink.search.SearchRoutes;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code java -jar chief.jar bench-sinks [--orders N] [--db-server URL]}: the sinks' own throughput
 * on the embedded S3Proxy and OpenSearch with dedupe in MariaDB (default 127.0.0.1:3306, database
 * {@code chief_bench_sinks}): the order-archive and order-search handlers fed batches of 500
 * records from 4 shards (Kinesis reading left out), then the Aurora load of that archive in row mode.
 */
public final class SinkBenchmark {

    private static final int SHARDS = 4;
    private static final int BATCH = 500;
    private static final int OBJECT_RECORDS = 5000;

    private SinkBenchmark() {
    }

    public static int run(List<String> args) throws Exception {
        Optional<BenchOptions> options = BenchOptions.parse("bench-sinks", args, 40_000);
        if (options.isEmpty()) {
            return 2;
        }
        // whole objects: all flushed by count
        int orders = Math.max(1, options.get().orders() / (SHARDS * OBJECT_RECORDS)) * SHARDS * OBJECT_RECORDS;
        String dbUrl = options.get().freshDatabase("chief_bench_sinks");
        ChiefSettings settings = BenchStack.sinkSettings(Files.createTempDirectory("chief-bench-sinks"), dbUrl);
        LocalStack stack = new LocalStack(settings);
        stack.start();
        try (S3Client s3 = AwsClients.s3(settings);
                HikariDataSource db = DataSources.create(new ChiefSettings.Database(dbUrl, "", "", false));
                AutoCloseable searchClient = SearchClients.create(settings.search());
                DefaultCamelContext camel = new DefaultCamelContext()) {
            DatabaseMigrations.migrate(db);
            s3.createBucket(b -> b.bucket(settings.s3().bucket()));
            SearchTemplates.apply(settings.search());
            camel.getPropertiesComponent().setLocation("classpath:application.properties");
            Properties overrides = new Properties();
            overrides.put("chief.s3.bucket", settings.s3().bucket());
            camel.getPropertiesComponent().setOverrideProperties(overrides);
            camel.getRegistry().bind("s3Client", s3);
            camel.getRegistry().bind("searchClient", searchClient);
            camel.addRoutes(new ArchiveRoutes());
            camel.addRoutes(new SearchRoutes());
            camel.start();
            ProducerTemplate routes = camel.createProducerTemplate();
            List<RecordBatch> batches = batches(orders);
            BatchDeduplicator dedupe = new BatchDeduplicator(db);
            System.out.printf("Sink benchmark: %d orders in batches of %d from %d shards; dedupe and load into %s%n",
                    orders, BATCH, SHARDS, dbUrl.replaceFirst("\\?.*", ""));

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            double archive = feed(batches, ArchiveApplication.ORDERS.create(
                    new S3ArchiveWriter.FlushPolicy(OBJECT_RECORDS, 50_000_000, Duration.ofMinutes(5)), false, dedupe,
                    object -> routes.requestBody("direct:archive-put", object), new LateArchiveHours(db), meters).handler());
            ChiefSettings.Search search = settings.search();
            double index = feed(batches, SearchApplication.ORDERS.create(
                    new SearchDocuments(search.ordersIndex(), search.jobStatusIndex(), search.jobHistoryIndex(),
                            search.indexDatePattern()),
                    search.engine().bulk(body -> routes.requestBody("direct:search-bulk", body, List.class)), dedupe,
                    new DeadLetters(settings.consumers().deadLetterDir(), meters), new SearchRefusals(),
                    search.retryDuration(), meters).handler());
            LoadRun load = AuroraLoaders.create(s3, settings.s3().bucket(), db,
                    new RowLoader(s3, settings.s3().bucket(), db, settings.aurora().batchSize()), InstanceIds.loader(),
                    settings.aurora().leaseSeconds(), new SimpleMeterRegistry()).run();

            double loadSeconds = load.took().toMillis() / 1000.0;
            System.out.printf("%n%-52s %8s %8s %10s%n", "sink", "records", "seconds", "records/s");
            System.out.printf("%-52s %8d %8.1f %10.0f%n", "S3 archive (dedupe, NDJSON objects of 5000, S3Proxy)",
                    orders, archive, orders / archive);
            System.out.printf("%-52s %8d %8.1f %10.0f%n", "search (dedupe, bulk per batch, embedded OpenSearch)",
                    orders, index, orders / index);
            System.out.printf("%-52s %8d %8.1f %10.0f%n", "Aurora load, rows mode (" + load.objects() + " objects, MariaDB)",
                    load.counts().inserted(), loadSeconds, load.counts().inserted() / loadSeconds);
        } finally {
            stack.stop();
        }
        return 0;
    }

    private static List<RecordBatch> batches(int orders) {
        List<byte[]> payloads = ProducerBenchmark.payloads(orders);
        List<RecordBatch> batches = new ArrayList<>();
        for (int start = 0; start < payloads.size(); start += BATCH) {
            String shard = "shardId-00000000000" + (start / BATCH % SHARDS);
            List<UserRecord> records = new ArrayList<>(BATCH);
            for (int i = start; i < Math.min(start + BATCH, payloads.size()); i++) {
                records.add(new UserRecord(shard, "k-" + i, String.valueOf(1_000_000L + i), 0, Instant.now(), payloads.get(i)));
            }
            batches.add(new RecordBatch("bench", "BenchSinks", shard, records));
        }
        return batches;
    }

    /** Seconds for the handler to take every batch. */
    private static double feed(List<RecordBatch> batches, BatchHandler handler) throws Exception {
        long started = System.nanoTime();
        for (RecordBatch batch : batches) {
            handler.handle(batch);
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
