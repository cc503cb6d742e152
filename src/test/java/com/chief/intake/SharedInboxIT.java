package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.model.ReferenceData;
import com.chief.support.Databases;
import com.chief.support.TestSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void eachFileIsReadByOneInstance() throws Exception {
        ChiefSettings settings = TestSettings.local(dataDir);
        ReferenceData reference = ReferenceData.load(settings.intake().referenceData());
        List<Instance> instances = new ArrayList<>();
        try (Databases first = Databases.create();
                HikariDataSource second = DataSources.create(new ChiefSettings.Database(first.dataSource.getJdbcUrl(), "", "", false))) {
            try {
                instances.add(Instance.start(settings, reference, first.dataSource));
                instances.add(Instance.start(settings, reference, second));
                Path inbox = settings.intake().ordersDir();
                for (int f = 0; f < FILES; f++) {
                    IntakeHarness.drop(dataDir, inbox, "shared-" + f + ".ndjson", IntakeHarness.orders("s" + f + "-", RECORDS));
                }

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .until(() -> IntakeHarness.fileNames(settings.intake().archiveDir()).size() == FILES && isEmpty(inbox));

                List<String> produced = instances.stream().flatMap(i -> i.producer.keys.stream()).toList();
                Map<String, Long> perRecord = produced.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(perRecord).hasSize(FILES * RECORDS);
                assertThat(perRecord.values()).as("times each record was produced").containsOnly(1L);
                assertThat(IntakeHarness.fileNames(settings.intake().archiveDir())).as("archived files, each once under its own name")
                        .doesNotHaveDuplicates().allMatch(name -> name.matches("shared-\\d+\\.ndjson"));
                assertThat(Databases.rows(first.dataSource, "SELECT messageId FROM intake_file_lock")).as("locks left").isEmpty();
                System.out.printf("files read per instance %s%n",
                        instances.stream().map(i -> i.producer.keys.size() / RECORDS).toList());
            } finally {
                for (Instance instance : instances) {
                    instance.context.stop();
                }
            }
        }
    }

    /** One Chief's intake: its own Camel context, producer and pool. */
    private record Instance(DefaultCamelContext context, HostileInputTest.RecordingProducer producer) {

        static Instance start(ChiefSettings settings, ReferenceData reference, DataSource dataSource) throws Exception {
            HostileInputTest.RecordingProducer producer = new HostileInputTest.RecordingProducer();
            return new Instance(IntakeHarness.start(settings, reference, producer, dataSource), producer);
        }
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
