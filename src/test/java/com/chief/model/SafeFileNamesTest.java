package com.chief.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFileNamesTest {

    static final List<String> HOSTILE = List.of("../../etc/x", "..", ".", "", "a/b", "/abs", "a\\b", "nul\0x", "cr\r\nBcc: x@evil",
            "x".repeat(300), "ü".repeat(300), "x".repeat(299) + "y", "%2F", "/", "-rf");

    @TempDir
    Path dir;

    @Test
    void everyHostileValueBecomesOneFileInsideItsFolder() throws Exception {
        Set<String> names = new HashSet<>();
        for (String value : HOSTILE) {
            String name = SafeFileNames.encode(value);
            assertThat(name).as(value).doesNotContain("/", "\\", "\0", "\r", "\n").doesNotStartWith(".").isNotEmpty();
            assertThat(name.length()).as(value).isLessThanOrEqualTo(SafeFileNames.MAX_PART);
            assertThat(SafeFileNames.encode(value)).as("the same value, the same name").isEqualTo(name);
            Path file = dir.resolve("sla-breach-" + name + ".json.part"); // the longest decoration a caller adds
            Files.writeString(file, value);
            assertThat(file.getParent()).isEqualTo(dir);
            names.add(name);
        }
        assertThat(names).as("distinct values keep distinct names").hasSize(HOSTILE.size());
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(HOSTILE.size());
        }
    }

    @Test
    void ordinaryIdsKeepTheirNames() {
        assertThat(SafeFileNames.encode("o-2026.11_22@example.com+1")).isEqualTo("o-2026.11_22@example.com+1");
        assertThat(SafeFileNames.encode("shardId-000000000001-49590338271490256608559692538361571095921575989136588898-0"))
                .isEqualTo("shardId-000000000001-49590338271490256608559692538361571095921575989136588898-0");
        assertThat(SafeFileNames.encode("../x")).isEqualTo("%2E.%2Fx");
    }
}
