package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLettersTest {

    @TempDir
    Path dir;

    @Test
    void hostileShardIdsAndSequenceNumbersStayInsideTheApplicationsFolder() throws Exception {
        Path letters = Files.createDirectories(dir.resolve("dead-letter"));
        DeadLetters deadLetters = new DeadLetters(letters, new SimpleMeterRegistry());
        List<String> hostile = List.of("../../etc/x", "a/b", "nul\0x", "cr\r\nlf", "s".repeat(300));
        for (String id : hostile) {
            deadLetters.write("order-factory", new UserRecord(id, id, id, 0, Instant.now(), id.getBytes(StandardCharsets.UTF_8)), "test");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(hostile.size())
                    .allSatisfy(file -> assertThat(file.getParent()).isEqualTo(letters.resolve("order-factory")));
        }
    }
}
