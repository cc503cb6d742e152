package com.chief.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.intake.OrderParser;
import com.chief.intake.ParsedRecord;
import com.chief.intake.RawRecord;
import com.chief.intake.RecordScanner;
import com.chief.model.ReferenceData;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderGeneratorTest {

    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("reference-data.yaml"));
    private final OrderParser parser = new OrderParser(REFERENCE, Clock.systemUTC());

    @Test
    void cleanRecordsAreAllValidOrders() {
        List<String> records = new OrderGenerator(REFERENCE, 1, Clock.systemUTC()).generate(300, 100, 0, 0).records();
        assertThat(records).hasSize(400);
        assertThat(records).allSatisfy(record -> assertThat(parse(record))
                .as(record).isInstanceOf(ParsedRecord.Accepted.class));
        assertThat(records).anyMatch(r -> r.contains("\"activityTimestamp\"") && !r.contains("orderId"))
                .anyMatch(r -> r.contains("\"storeId\"") && r.contains("\"custom\""));
    }

    @Test
    void sharesOfDuplicatesAndInvalidRecordsAreMixedIn() {
        List<String> records = new OrderGenerator(REFERENCE, 2, Clock.systemUTC()).generate(800, 200, 0.1, 0.1).records();
        long rejected = records.stream().filter(r -> parse(r) instanceof ParsedRecord.Rejected).count();
        Set<String> distinct = new HashSet<>(records);
        assertThat(records.size() - 1000).as("duplicates added").isBetween(60, 140);
        assertThat(records.size() - distinct.size()).as("exact repeats").isPositive();
        assertThat(rejected).as("invalid records").isBetween(60L, 160L);
    }

    @Test
    void theValidCountIsExactlyWhatTheParserAccepts() {
        OrderGenerator.Generated generated = new OrderGenerator(REFERENCE, 4, Clock.systemUTC()).generate(1600, 400, 0.05, 0.05);
        long accepted = generated.records().stream().filter(r -> parse(r) instanceof ParsedRecord.Accepted).count();
        assertThat(generated.invalid()).isBetween(50L, 170L);
        assertThat(accepted).isEqualTo(generated.valid());
    }

    @Test
    void filesAppearWholeUnderTheirFinalName(@TempDir Path dir) throws Exception {
        List<String> records = new OrderGenerator(REFERENCE, 3, Clock.systemUTC()).generate(25, 0, 0, 0).records();
        List<Path> files = OrderFiles.write(dir, "orders-test", records, 10);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("orders-test-001.json", "orders-test-002.json", "orders-test-003.json");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
        List<RawRecord> scanned = new ArrayList<>();
        for (Path file : files) {
            new RecordScanner(new StringReader(Files.readString(file)), 100_000).forEachRemaining(scanned::add);
        }
        assertThat(scanned).extracting(RawRecord::text).containsExactlyElementsOf(records);
    }

    private ParsedRecord parse(String record) {
        return parser.parse(RawRecord.value(1, record));
    }
}
