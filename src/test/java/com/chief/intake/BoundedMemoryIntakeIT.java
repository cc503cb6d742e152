package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 MB order file goes through the intake in a JVM whose whole heap is a third of the file. */
class BoundedMemoryIntakeIT {

    private static final long TARGET_BYTES = 200L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void twoHundredMegabytesThroughAHeapOfSixtyFour() throws Exception {
        Path file = dir.resolve("big.json");
        long written = 0;
        long orders = 0;
        long invalid = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            while (written < TARGET_BYTES) {
                String record = orders % 1000 == 999
                        ? "{\"orderId\":\"big-" + orders + "\",\"userid\":\"not-an-email\"}"
                        : FileIntakeIT.order("big-" + orders, "2026-11-22T10:00:00Z");
                if (orders % 1000 == 999) {
                    invalid++;
                }
                out.write(orders == 0 ? record : ",\n" + record);
                written += record.length() + 2;
                orders++;
            }
            out.write("\n]\n");
        }
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(TARGET_BYTES);

        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                BoundedMemoryProbe.class.getName(), file.toString(), dir.resolve("work").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println("200 MB intake probe: " + output.strip());
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("read=" + orders + " produced=" + (orders - invalid) + " rejected=" + invalid
                + " failed=0 error=null");
        List<String> rejects = Files.readAllLines(dir.resolve("work/rejected/big.json.rejects.ndjson"));
        assertThat(rejects).hasSize((int) invalid);
    }
}
