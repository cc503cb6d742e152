package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.model.ReferenceData;
import com.chief.support.Databases;
import com.chief.support.TestSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two Chief intakes (two Camel contexts, each with its own producer and connection pool, as two
 * instances would have) watch one inbox: every file is read by one of them, its records produced
 * once, the file archived once.
 */
class SharedInboxIT {

    private static final int FILES = 24;
    private static final int RECORDS = 50;

    @TempDir
    Path dataDir;

    // MariaDB only: several instances need a database that keeps a primary key exclusive under racing
    // inserts, which H2 does not (README; IntakeFileLocksIT measures it)
    @ParameterizedTest
    @ValueSource(strings = {"mariadb"})
    void eachFileIsReadByOneInstance(String database) throws Exception {
        ChiefSettings settings = TestSettings.local(dataDir);
        ReferenceData reference = ReferenceData.load(settings.intake().referenceData());
        List<Instance> instances = new ArrayList<>();
        try (Databases first = Databases.open(database, dataDir);
                HikariDataSource second = DataSources.create(new ChiefSettings.Database(first.dataSource.getJdbcUrl(), "", "", false))) {
            try {
                instances.add(Instance.start(settings, reference, first.dataSource));
                instances.add(Instance.start(settings, reference, second));
                Path inbox = settings.intake().ordersDir();
                for (int f = 0; f < FILES; f++) {
                    drop(inbox, "shared-" + f + ".ndjson", f);
                }

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .until(() -> archived(settings.intake().archiveDir()).size() == FILES && isEmpty(inbox));

                List<String> produced = instances.stream().flatMap(i -> i.producer.keys.stream()).toList();
                Map<String, Long> perRecord = produced.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(perRecord).hasSize(FILES * RECORDS);
                assertThat(perRecord.values()).as("times each record was produced").containsOnly(1L);
                assertThat(archived(settings.intake().archiveDir())).as("archived files, each once under its own name")
                        .doesNotHaveDuplicates().allMatch(name -> name.matches("shared-\\d+\\.ndjson"));
                assertThat(Databases.rows(first.dataSource, "SELECT messageId FROM intake_file_lock")).as("locks left").isEmpty();
                System.out.printf("%s: files read per instance %s%n", database,
                        instances.stream().map(i -> i.producer.keys.size() / RECORDS).toList());
            } finally {
                for (Instance instance : instances) {
                    instance.context.stop();
                }
            }
        }
    }

    /** One Chief's intake: its own Camel context, producer and pool. */
    private record Instance(DefaultCamelContext context, CountingProducer producer) {

        static Instance start(ChiefSettings settings, ReferenceData reference, DataSource dataSource) throws Exception {
            CountingProducer producer = new CountingProducer();
            return new Instance(IntakeContext.start(settings, reference, producer, dataSource), producer);
        }
    }

    /** Acknowledges every record at once and remembers its key. */
    private static final class CountingProducer implements RecordProducer {
        final Queue<String> keys = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableFuture<ProducedRecord> send(String stream, String partitionKey, byte[] data) {
            keys.add(partitionKey);
            return CompletableFuture.completedFuture(new ProducedRecord("shardId-000000000000", "1", 1));
        }

        @Override
        public void flush() {
        }
    }

    private void drop(Path inbox, String name, int file) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < RECORDS; r++) {
            text.append(HostileInputTest.order("s" + file + "-" + r)).append('\n');
        }
        Path staged = Files.writeString(dataDir.resolve(name), text, StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> archived(Path archiveDir) throws Exception {
        if (!Files.isDirectory(archiveDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(archiveDir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
