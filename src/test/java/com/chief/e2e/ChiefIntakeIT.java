package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.kinesis.StreamReader;
import com.chief.kinesis.WarmUpRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The intake as a new user meets it: the generator's own files with 5% invalid records, and files
 * people and programs drop (the 2017 README's broken records, an empty file, odd names, gzip, zip),
 * through the packaged jar. Counted in the stream: every valid record produced, nothing else; no
 * file left in the inbox.
 */
class ChiefIntakeIT {

    private static final String ORDER = "{\"orderId\":\"%s\",\"userid\":\"%s@example.com\",\"gender\":\"F\",\"size\":\"M\","
            + "\"material\":\"lace\",\"design\":\"velvet\",\"timestamp\":\"2026-11-22T04:00:00Z\"}";

    @TempDir
    Path workDir;

    @Test
    void everyValidRecordOfHostileAndGeneratedFilesIsProducedAndNoFileStays() throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("data/inbox/orders"));
        // only the archive reads the stream, so the single-threaded emulator serves the producer
        try (ChiefProcess chief = ChiefProcess.start(workDir, Map.of("CHIEF_CONSUMER_APPLICATIONS", "order-archive"))) {
            chief.awaitHealthy();

            Generated generated = generate(inbox, "--online", "16000", "--store", "4000", "--duplicates", "0.05", "--invalid", "0.05",
                    "--seed", "2017");
            // the README's broken store order first, then eight more bad records of other kinds between valid ones
            drop(inbox, "readme-2017.ndjson", String.join("\n",
                    "{{\"id\":\"433\", \"gender\":\"F\", \"size\": {\"bust\":\"22\", \"weight\":\"140\", \"hip\":\"50\", waist:\"22\"}}",
                    ORDER.formatted("h-1", "h1"),
                    "{\"orderId\":\"h-bad-1\",\"userid\":\"nobody\"}",
                    ORDER.formatted("h-2", "h2").replace("\"h-2\"", "\"h-2"),
                    ORDER.formatted("h-3", "h3"),
                    ORDER.formatted("h-4", "h4") + "}",
                    "\"material\":\"cotton\", \"design\": \"custom\"}",
                    ORDER.formatted("h-5", "h5").replace("velvet", "plaid"),
                    ORDER.formatted("h-6", "h6").substring(0, 40),
                    ORDER.formatted("h-7", "h7")) + "\n");
            drop(inbox, "empty.json", "");
            drop(inbox, "with spaces é.json", "[" + ORDER.formatted("h-8", "h8") + "]");
            dropBytes(inbox, "orders.json.gz", gzip(ORDER.formatted("h-9", "h9") + "\n{{\n" + ORDER.formatted("h-10", "h10")));
            dropBytes(inbox, "orders.zip", zip(ORDER.formatted("h-11", "h11")));

            try {
                await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                        .failFast("Chief exited", () -> !chief.isAlive())
                        .until(() -> files(inbox).isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                String log = chief.log();
                throw new AssertionError("files left in the inbox: " + files(inbox) + "\n"
                        + log.substring(Math.max(0, log.length() - 20_000)), e);
            }
            assertThat(Files.exists(workDir.resolve("data/error/intake/orders.zip"))).as("the zip is set aside").isTrue();
            assertThat(Files.readString(workDir.resolve("data/error/intake/orders.zip.reason.txt"))).contains("zip archive");
            assertThat(files(workDir.resolve("data/archive/intake"))).extracting(p -> p.getFileName().toString())
                    .as("every other file archived").hasSize(generated.files() + 4)
                    .contains("readme-2017.ndjson", "empty.json", "with spaces é.json", "orders.json.gz");

            List<String> keys;
            try (KinesisClient kinesis = chief.kinesis()) {
                keys = StreamReader.userRecords(StreamReader.kinesisRecords(kinesis, "OrdersStream")).stream()
                        .map(r -> r.partitionKey()).filter(key -> !WarmUpRecord.is(key)).toList();
            }
            List<String> hostile = keys.stream().filter(key -> key.startsWith("h-")).sorted().toList();
            assertThat(hostile).containsExactly("h-1", "h-10", "h-3", "h-7", "h-8", "h-9");
            long produced = keys.size() - hostile.size();
            System.out.printf("generator: %d valid records written; %d produced to OrdersStream%n", generated.valid(), produced);
            assertThat(produced).as("produced = written - invalid").isEqualTo(generated.valid());
            assertThat(Files.readString(workDir.resolve("data/rejected/readme-2017.ndjson.rejects.ndjson")).lines()
                    .map(line -> line.replaceAll(".*\"record\":(\\d+).*\"reason\":\"([A-Z_]+)\".*", "$1:$2")))
                    .containsExactly("1:MALFORMED_JSON", "3:INVALID_EMAIL", "4:MALFORMED_JSON", "6:MALFORMED_JSON", "7:STRAY_TEXT",
                            "8:UNKNOWN_DESIGN", "9:MALFORMED_JSON");
            chief.terminate(Duration.ofSeconds(40));
        }
    }

    private record Generated(long valid, int files) {
    }

    /** Runs {@code java -jar chief.jar generate} as a user would; returns the valid count and file count it prints. */
    private Generated generate(Path inbox, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(ChiefProcess.command(ChiefProcess.jar(), "generate", "--to", inbox.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Matcher valid = Pattern.compile("(\\d+) valid records").matcher(output);
        Matcher files = Pattern.compile("in (\\d+) file").matcher(output);
        assertThat(valid.find() && files.find()).as(output).isTrue();
        System.out.print(output);
        return new Generated(Long.parseLong(valid.group(1)), Integer.parseInt(files.group(1)));
    }

    private static void drop(Path inbox, String name, String content) throws IOException {
        dropBytes(inbox, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void dropBytes(Path inbox, String name, byte[] content) throws IOException {
        Path temp = inbox.resolve("." + name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] zip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("orders.ndjson"));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

}
