package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.model.Json;
import com.chief.tailor.TestFactories;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus: files as stores, people and other programs really drop them. For each, the
 * exact rejects (record number and reason) and the exact records produced — every valid record
 * around a bad one must reach the producer — and where the file ends up (archive or error folder,
 * never a loop). In the file texts {@code @n} stands for a valid order with id {@code ok-n}.
 */
class HostileInputTest {

    private static final String TS = "2026-11-22T10:00:00Z";
    private static final int MAX_RECORD_CHARS = 1_000_000;

    @TempDir
    Path dir;

    enum Ends { ARCHIVED, ERROR }

    record Case(String name, String inbox, byte[] content, List<String> produced, List<String> rejects, Ends ends) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        // ---- structural damage, each in a multi-line array, in NDJSON and where it matters on one line
        String typo = "{{\"userid\":\"a@b.co\",\"gender\":\"F\",\"size\":\"M\",\"material\":\"lace\",\"design\":\"velvet\",\"activityTimestamp\":\"2017/11/24 12:00:00\"}";
        cases.add(orders("{{ (2017 typo) in an array", array("@1", typo, "@2", "@3"), "2:MALFORMED_JSON"));
        cases.add(orders("{{ (2017 typo) in NDJSON", lines("@1", typo, "@2", "@3"), "2:MALFORMED_JSON"));
        cases.add(orders("{{ (2017 typo) in a one-line array", "[@1," + typo + ",@2,@3]", "2:MALFORMED_JSON"));
        String store2017 = "{{\"id\":\"433\", \"gender\":\"F\", \"size\": {\"bust\":\"22\", \"weight\":\"140\", \"hip\":\"50\", waist:\"22\"}}";
        cases.add(orders("2017 README store order in NDJSON", lines(store2017, "@1", "@2"), "1:MALFORMED_JSON"));
        cases.add(orders("2017 README store order split over two lines in an array",
                "[" + store2017 + "\n,\"material\":\"cotton\", \"design\": \"custom\"},\n@1,\n@2]", "1:MALFORMED_JSON"));
        String extraClose = order("x-1").replace(",\"material\"", "},\"material\"");
        cases.add(orders("}} (extra close) in an array", array("@1", extraClose, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("}} (extra close) in NDJSON", lines("@1", extraClose, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("}} (extra close) in a one-line array", "[@1," + extraClose + ",@2]", "2:MALFORMED_JSON"));
        String extraCloseAtEnd = order("x-2") + "}";
        cases.add(orders("a second } after a complete record in NDJSON", lines("@1", extraCloseAtEnd, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("} on a line of its own", lines("@1", "}", "@2"), "2:STRAY_TEXT"));
        String optionalAfterEarlyClose = order("x-3").replaceFirst("}$", "},\"storeId\":\"store-07\"}");
        cases.add(orders("an early close before an optional field is not accepted without it", lines("@1", optionalAfterEarlyClose, "@2"),
                "2:MALFORMED_JSON"));
        String missingComma = order("x-4").replace(",\"gender\"", " \"gender\"");
        cases.add(orders("missing comma inside a record, array", array("@1", missingComma, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("missing comma inside a record, NDJSON", lines("@1", missingComma, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("missing comma between records in an array", "[\n@1\n@2,\n@3\n]"));
        cases.add(orders("records concatenated without separators", "@1@2 @3"));
        String strayQuote = order("x-5").replace("\"x-5\"", "\"x-5");
        cases.add(orders("stray quote (unclosed string) in an array", array("@1", strayQuote, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("stray quote (unclosed string) in NDJSON", lines("@1", strayQuote, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("stray quote in a one-line array", "[@1," + strayQuote + ",@2]", "2:MALFORMED_JSON"));
        String extraQuote = order("x-6").replace("\"lace\"", "\"la\"ce\"");
        cases.add(orders("extra quote inside a value, NDJSON", lines("@1", extraQuote, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("extra quote inside a value, one-line array", "[@1," + extraQuote + ",@2]", "2:MALFORMED_JSON"));
        String truncated = order("x-7").substring(0, 60);
        cases.add(orders("truncated last record, array without ]", "[\n@1,\n@2,\n" + truncated, "3:MALFORMED_JSON"));
        cases.add(orders("truncated last record, NDJSON", lines("@1", "@2", truncated), "3:MALFORMED_JSON"));
        cases.add(orders("truncated record in the middle, NDJSON", lines("@1", truncated, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("truncated record in the middle, array", array("@1", truncated, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("] missing after complete records", "[\n@1,\n@2\n"));
        String openBracket = order("x-8").replace("\"M\"", "[\"M\"");
        cases.add(orders("unbalanced [ in a record, array", array("@1", openBracket, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("unbalanced [ in a record, NDJSON", lines("@1", openBracket, "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("unbalanced ] in a record, NDJSON", lines("@1", order("x-9").replace("\"M\"", "\"M\"]"), "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("pretty-printed array with a missing nested close",
                "[\n  " + pretty(order("ok-1")) + ",\n  {\n    \"orderId\": \"x-10\",\n    \"size\": {\n      \"bust\": \"22\"\n  },\n  "
                        + pretty(order("ok-2")) + "\n]", List.of("ok-1", "ok-2"), "2:MALFORMED_JSON"));
        cases.add(orders("pretty-printed array with a stray quote",
                "[\n  " + pretty(order("ok-1")) + ",\n  " + pretty(strayQuote) + ",\n  " + pretty(order("ok-2")) + "\n]",
                List.of("ok-1", "ok-2"), "2:MALFORMED_JSON"));
        cases.add(orders("trailing comma inside a record", lines("@1", order("x-11").replace("}", ",}"), "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("trailing comma after the last record of an array", "[@1,@2,]"));
        cases.add(orders("comment line between records", lines("@1", "// orders from store 7", "@2"), "2:STRAY_TEXT"));
        cases.add(orders("comment inside a record", lines("@1", order("x-12").replace("{", "{/* note */"), "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("a scalar and null where records belong", lines("@1", "42", "null", "@2"), "2:STRAY_TEXT", "3:STRAY_TEXT"));
        cases.add(orders("an array of arrays", "[[@1],@2]", List.of("ok-2"), "1:NOT_AN_OBJECT"));
        cases.add(orders("10,000 levels of array nesting", lines("@1", "[".repeat(10_000) + "]".repeat(10_000), "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("10,000 levels of object nesting", lines("@1", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "@2"),
                "2:MALFORMED_JSON"));
        cases.add(orders("duplicate keys", lines("@1", order("x-13").replace("{", "{\"gender\":\"M\","), "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("braces and quotes escaped inside strings", lines(order("ok-1").replace("\"lace\"", "\"lace\",\"note\":\"a \\\"}{\\\" b\""), "@2"),
                List.of("ok-1", "ok-2")));
        // ---- every reason code
        cases.add(orders("STRAY_TEXT before the first record", lines("hello", "@1"), "1:STRAY_TEXT"));
        cases.add(orders("NOT_AN_OBJECT", lines("@1", "[1,2]", "@2"), "2:NOT_AN_OBJECT"));
        cases.add(orders("TOO_LARGE: a 10 MB record between two valid ones",
                lines("@1", "{\"orderId\":\"big\",\"note\":\"" + "x".repeat(10_000_000) + "\"}", "@2"), "2:TOO_LARGE"));
        cases.add(orders("MISSING_FIELD", lines("@1", order("x-14").replace(",\"gender\":\"F\"", ""), "@2"), "2:MISSING_FIELD"));
        cases.add(orders("INVALID_ORDER_ID", lines("@1", order("x 15"), "@2"), "2:INVALID_ORDER_ID"));
        cases.add(orders("FIELD_TOO_LONG: a 74-character order id", lines("@1", order("i".repeat(74)), "@2"), "2:FIELD_TOO_LONG"));
        cases.add(orders("FIELD_TOO_LONG: a 300-character e-mail", lines("@1", order("x-16").replace("x-16@example.com", "e".repeat(288) + "@example.com"), "@2"),
                "2:FIELD_TOO_LONG"));
        cases.add(orders("INVALID_EMAIL", lines("@1", order("x-17").replace("x-17@example.com", "nobody"), "@2"), "2:INVALID_EMAIL"));
        cases.add(orders("INVALID_EMAIL: a header injection", lines("@1", order("x-18").replace("x-18@example.com", "a@b.co\\r\\nBcc: all@x.co"), "@2"),
                "2:INVALID_EMAIL"));
        cases.add(orders("UNKNOWN_GENDER", lines("@1", order("x-19").replace("\"F\"", "\"Z\""), "@2"), "2:UNKNOWN_GENDER"));
        cases.add(orders("UNKNOWN_GENDER: a number where a string belongs", lines("@1", order("x-20").replace("\"F\"", "1"), "@2"), "2:UNKNOWN_GENDER"));
        cases.add(orders("UNKNOWN_SIZE: a number where a label belongs", lines("@1", order("x-21").replace("\"M\"", "42"), "@2"), "2:UNKNOWN_SIZE"));
        cases.add(orders("INVALID_MEASUREMENT", lines("@1", store("x-22", "\"bust\":\"22\",\"weight\":\"900\",\"hip\":\"50\",\"waist\":\"22\""), "@2"),
                "2:INVALID_MEASUREMENT"));
        cases.add(orders("measurements as strings and as numbers are both fine",
                lines(store("ok-1", "\"bust\":\"22\",\"weight\":140,\"hip\":\"50.5\",\"waist\":22"), "@2"), List.of("ok-1", "ok-2")));
        cases.add(orders("UNKNOWN_MATERIAL", lines("@1", order("x-23").replace("lace", "silk"), "@2"), "2:UNKNOWN_MATERIAL"));
        cases.add(orders("UNKNOWN_DESIGN", lines("@1", order("x-24").replace("velvet", "plaid"), "@2"), "2:UNKNOWN_DESIGN"));
        cases.add(orders("UNKNOWN_STORE", lines("@1", order("x-25").replace("{", "{\"storeId\":\"store-99\","), "@2"), "2:UNKNOWN_STORE"));
        cases.add(orders("UNKNOWN_ZONE", lines("@1", order("x-26").replace("{", "{\"zone\":\"north\","), "@2"), "2:UNKNOWN_ZONE"));
        cases.add(orders("INVALID_TIMESTAMP", lines("@1", order("x-27").replace(TS, "tomorrow-ish"), "@2"), "2:INVALID_TIMESTAMP"));
        cases.add(orders("a timestamp as epoch milliseconds is fine", lines(order("ok-1").replace("\"" + TS + "\"", "1795341600000"), "@2"),
                List.of("ok-1", "ok-2")));
        cases.add(orders("INVALID_ENCODING: an escaped lone surrogate", lines("@1", order("x-28").replace("x-28@", "x\\ud83c@"), "@2"),
                "2:INVALID_ENCODING"));
        cases.add(orders("unicode e-mail and escapes are fine", lines(order("ok-1").replace("ok-1@example.com", "jösé\\u00e9@exämple.com"), "@2"),
                List.of("ok-1", "ok-2")));
        String result = "{\"userId\":\"a@b.co\",\"orderId\":\"%s\",\"factoryId\":\"factory1\",\"robotId\":\"%s\",\"jobStatus\":\"%s\",\"timestamp\":\"" + TS + "\"}";
        cases.add(jobResults("UNKNOWN_ROBOT: robot99999999999 overflows no number",
                lines(result.formatted("j-1", "robot1", "Pending"), result.formatted("j-2", "robot99999999999", "Pending"), result.formatted("j-3", "robot2", "Completed")),
                List.of("j-1", "j-3"), "2:UNKNOWN_ROBOT"));
        cases.add(jobResults("UNKNOWN_FACTORY and UNKNOWN_STATUS",
                lines(result.formatted("j-1", "robot1", "Pending"), result.formatted("j-2", "robot1", "Pending").replace("factory1", "factory9"),
                        result.formatted("j-3", "robot1", "Shipped"), result.formatted("j-4", "robot1", "Failed")),
                List.of("j-1", "j-4"), "2:UNKNOWN_FACTORY", "3:UNKNOWN_STATUS"));
        // ---- encodings and bytes
        cases.add(orders("empty file", ""));
        cases.add(orders("whitespace only", " \n\t\r\n  "));
        cases.add(orders("an empty array", "[ ]"));
        cases.add(orders("BOM + array", "\uFEFF[@1,\n@2]"));
        cases.add(bytes("UTF-16LE with BOM", withBom(array("@1", "@2"), StandardCharsets.UTF_16LE, 0xFF, 0xFE), "orders", List.of("ok-1", "ok-2")));
        cases.add(bytes("UTF-16BE with BOM", withBom(lines("@1", "@2"), StandardCharsets.UTF_16BE, 0xFE, 0xFF), "orders", List.of("ok-1", "ok-2")));
        cases.add(bytes("Latin-1 bytes in one record", concat(expand(lines("@1", "")).getBytes(StandardCharsets.UTF_8),
                order("x-29").replace("x-29@", "jos\u00e9@").getBytes(StandardCharsets.ISO_8859_1), ("\n" + expand("@2")).getBytes(StandardCharsets.UTF_8)),
                "orders", List.of("ok-1", "ok-2"), "2:INVALID_ENCODING"));
        cases.add(orders("a line of NUL bytes", lines("@1", "\0\0\0\0", "@2"), "2:STRAY_TEXT"));
        cases.add(orders("a NUL byte inside a record", lines("@1", order("x-30").replace("lace", "la\0ce"), "@2"), "2:MALFORMED_JSON"));
        cases.add(orders("CRLF line endings, NDJSON", "@1\r\n" + typo + "\r\n@2\r\n", List.of("ok-1", "ok-2"), "2:MALFORMED_JSON"));
        cases.add(orders("CRLF line endings, array", "[\r\n@1,\r\n" + typo + ",\r\n@2\r\n]\r\n", List.of("ok-1", "ok-2"), "2:MALFORMED_JSON"));
        cases.add(orders("emoji braces {\uD83C\uDDE8\uD83C\uDDED} only", "{\uD83C\uDDE8\uD83C\uDDED}", List.of(), "1:MALFORMED_JSON"));
        cases.add(orders("a megabyte of garbage without a line break", lines("@1", "x".repeat(1_500_000), "@2"), "2:STRAY_TEXT"));
        cases.add(bytes("gzip of NDJSON is read through", gzip(expand(lines("@1", typo, "@2"))), "orders", List.of("ok-1", "ok-2"), "2:MALFORMED_JSON"));
        cases.add(new Case("a zip archive is set aside", "orders", zip(expand(lines("@1"))), List.of(), List.of(), Ends.ERROR));
        cases.add(new Case("an unterminated record longer than the limit is set aside with its position", "orders",
                expand("[@1,\n@2,\n{\"orderId\":\"x\",\"note\":\"" + "y".repeat(MAX_RECORD_CHARS)).getBytes(StandardCharsets.UTF_8),
                List.of("ok-1", "ok-2"), List.of(), Ends.ERROR));
        byte[] gzipped = gzip(expand(lines("@1", "@2")));
        cases.add(new Case("a gzip cut short when written is set aside", "orders", Arrays.copyOf(gzipped, 12), List.of(), List.of(),
                Ends.ERROR));
        byte[] badCrc = gzipped.clone();
        badCrc[badCrc.length - 8] ^= 0x55;
        cases.add(new Case("a gzip with a wrong CRC is set aside", "orders", badCrc, List.of("ok-1", "ok-2"), List.of(), Ends.ERROR));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void costsNoMoreThanTheBadRecord(Case c) throws Exception {
        Path file = dir.resolve("inbox").resolve("drop.json");
        Files.createDirectories(file.getParent());
        Files.write(file, c.content());
        RecordingProducer producer = new RecordingProducer();

        intake(c.inbox(), producer).process(file);

        assertThat(producer.keys).as("records produced").containsExactlyElementsOf(c.produced());
        assertThat(rejects("drop.json")).as("rejects (record:REASON)").containsExactlyElementsOf(c.rejects());
        assertThat(file).as("never left in the inbox to be read again").doesNotExist();
        assertThat(count(dir.resolve(c.ends() == Ends.ARCHIVED ? "archive" : "error"), "drop.json")).isEqualTo(1);
        if (c.ends() == Ends.ERROR) {
            assertThat(Files.readString(dir.resolve("error/drop.json.reason.txt"))).isNotBlank();
        }
    }

    /** An I/O error (not the file's content) is retried like a Kinesis refusal: the file stays until a read goes through. */
    @Test
    void anIoErrorWhileReadingIsRetriedNotSetAside() throws Exception {
        Path file = Files.createDirectories(dir.resolve("inbox")).resolve("flaky.json");
        Files.writeString(file, expand(lines("@1", "@2")));
        RecordingProducer producer = new RecordingProducer();
        FileIntake intake = intake("orders", producer);
        AtomicInteger opened = new AtomicInteger();
        IntakeSource failingTwice = new FailingReads(new FolderSource(file, folders()), opened, 2);

        intake.process(failingTwice);
        assertThat(file).as("left for a retry").exists();
        assertThat(count(dir.resolve("error"), "flaky.json")).isZero();
        intake.process(failingTwice);
        assertThat(file).exists();
        intake.process(failingTwice);
        assertThat(file).doesNotExist();
        assertThat(count(dir.resolve("archive"), "flaky.json")).isEqualTo(1);
        assertThat(producer.keys).contains("ok-1", "ok-2");
    }

    /** A file replaced under the same name while it is read is not archived unread: the new one stays in the inbox. */
    @Test
    void aFileReplacedWhileItIsReadStaysInTheInboxToBeRead() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path file = inbox.resolve("replaced.json");
        Files.writeString(file, expand(lines("@1", "@2")));
        RecordingProducer producer = new RecordingProducer() {
            @Override
            public CompletableFuture<ProducedRecord> send(String stream, String partitionKey, byte[] data) {
                if (partitionKey.equals("ok-1")) { // the writer renames a new file into place meanwhile
                    try {
                        Path next = Files.writeString(dir.resolve("next.json"), expand(lines("@3")));
                        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return super.send(stream, partitionKey, data);
            }
        };
        FileIntake intake = intake("orders", producer);

        intake.process(file);
        assertThat(file).as("the new file is left to be read").exists().content().contains("ok-3");
        assertThat(count(dir.resolve("archive"), "replaced.json")).isZero();

        intake.process(file);
        assertThat(producer.keys).containsExactly("ok-1", "ok-2", "ok-3");
        assertThat(count(dir.resolve("archive"), "replaced.json")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileNames")
    void anyFileNameIsReadAndArchived(String name) throws Exception {
        Path file = Files.createDirectories(dir.resolve("inbox")).resolve(name);
        Files.writeString(file, expand(lines("@1", "@2")));
        RecordingProducer producer = new RecordingProducer();
        intake("orders", producer).process(file);
        assertThat(producer.keys).containsExactly("ok-1", "ok-2");
        assertThat(count(dir.resolve("archive"), name)).isEqualTo(1);
    }

    static Stream<String> fileNames() {
        return Stream.of("with spaces.json", "ünïcødé-订单.json", "new\nline.json", "-leading-dash.json");
    }

    @org.junit.jupiter.api.Test
    void aSymlinkIsSetAsideNotFollowed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0\n");
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("inbox")).resolve("link.json"), secret);
        RecordingProducer producer = new RecordingProducer();
        intake("orders", producer).process(link);
        assertThat(producer.keys).isEmpty();
        assertThat(Files.exists(dir.resolve("rejected/link.json.rejects.ndjson"))).as("nothing of the target copied into rejects").isFalse();
        assertThat(Files.readString(dir.resolve("error/link.json.reason.txt"))).contains("symbolic link");
        assertThat(secret).exists();
    }

    @org.junit.jupiter.api.Test
    void aRecordTooLargeForKinesisIsRejectedBeforeTheProducer() throws Exception {
        RecordParser huge = raw -> new ParsedRecord.Accepted(raw.text().contains("big") ? "big" : "small",
                new byte[raw.text().contains("big") ? RecordProducer.MAX_RECORD_BYTES : 100]);
        Path file = Files.createDirectories(dir.resolve("inbox")).resolve("big.json");
        Files.writeString(file, "{\"a\":\"small\"}\n{\"a\":\"big\"}\n{\"a\":\"small\"}\n");
        RecordingProducer producer = new RecordingProducer();
        FileIntake intake = new FileIntake("orders", huge, producer, "Orders", folders(), retries(), metrics(), MAX_RECORD_CHARS,
                Duration.ofSeconds(5));
        intake.process(file);
        assertThat(producer.keys).containsExactly("small", "small");
        assertThat(rejects("big.json")).containsExactly("2:TOO_LARGE");
    }

    @org.junit.jupiter.api.Test
    void anInboxOnAnotherFileSystemIsArchivedByCopyAndDelete() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(dir)), "needs /dev/shm on a file system of its own");
        Path inbox = Files.createTempDirectory(shm, "chief-inbox");
        try {
            Path file = Files.writeString(inbox.resolve("far.json"), expand(lines("@1", "@2")));
            RecordingProducer producer = new RecordingProducer();
            intake("orders", producer).process(file);
            assertThat(producer.keys).containsExactly("ok-1", "ok-2");
            assertThat(file).doesNotExist();
            assertThat(count(dir.resolve("archive"), "far.json")).isEqualTo(1);
        } finally {
            Files.deleteIfExists(inbox.resolve("far.json"));
            Files.delete(inbox);
        }
    }

    @org.junit.jupiter.api.Test
    void aFailingArchiveMoveCountsTowardMaxAttemptsInsteadOfLooping() throws Exception {
        Path file = Files.createDirectories(dir.resolve("inbox")).resolve("stuck.json");
        Files.writeString(file, expand(lines("@1")));
        Files.writeString(dir.resolve("archive"), "a file where the archive folder should be");
        RecordingProducer producer = new RecordingProducer();
        FileIntake intake = intake("orders", producer);
        for (int attempt = 1; attempt <= 3; attempt++) {
            intake.process(file);
        }
        assertThat(producer.keys).as("sent once per attempt, three attempts").hasSize(3);
        assertThat(file).doesNotExist();
        assertThat(Files.readString(dir.resolve("error/stuck.json.reason.txt"))).contains("moving it to the archive failed");
    }

    @org.junit.jupiter.api.Test
    void aParserFailureIsTheRecordsRejectNotTheFiles() throws Exception {
        RecordParser buggy = raw -> {
            if (raw.text().contains("boom")) {
                throw new ArithmeticException("/ by zero");
            }
            return new ParsedRecord.Accepted(raw.text().substring(6, 10), new byte[10]);
        };
        Path file = Files.createDirectories(dir.resolve("inbox")).resolve("bug.json");
        Files.writeString(file, "{\"a\":\"ok-1\"}\n{\"a\":\"boom\"}\n{\"a\":\"ok-2\"}\n");
        RecordingProducer producer = new RecordingProducer();
        new FileIntake("orders", buggy, producer, "Orders", folders(), retries(), metrics(), MAX_RECORD_CHARS, Duration.ofSeconds(5))
                .process(file);
        assertThat(producer.keys).containsExactly("ok-1", "ok-2");
        assertThat(rejects("bug.json")).containsExactly("2:INVALID_RECORD");
        assertThat(rejectLines("bug.json").get(0).get("message").asText()).contains("/ by zero");
        assertThat(count(dir.resolve("archive"), "bug.json")).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void rejectsHoldTheRecordsOwnTextOnlyBounded() throws Exception {
        Path file = Files.createDirectories(dir.resolve("inbox")).resolve("long.json");
        Files.writeString(file, expand(lines("@1", "{\"orderId\":\"big\",\"note\":\"" + "x".repeat(3_000_000) + "\"}", typoLine(), "@2")));
        intake("orders", new RecordingProducer()).process(file);
        List<JsonNode> rejects = rejectLines("long.json");
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).get("raw").asText()).hasSize(RejectWriter.MAX_RAW_CHARS);
        assertThat(rejects.get(0).get("rawLength").asLong()).isEqualTo(3_000_027);
        assertThat(rejects.get(1).get("raw").asText()).isEqualTo(typoLine());
        assertThat(rejects.get(1).get("line").asLong()).isEqualTo(3);
        assertThat(rejects.get(1).get("message").asText()).contains("line 3, column 2");
    }

    // ------------------------------------------------------------------------------------------

    private FileIntake intake(String inbox, RecordProducer producer) {
        RecordParser parser = inbox.equals("orders") ? new OrderParser(OrderParserTest.REFERENCE, OrderParserTest.CLOCK)
                : new JobResultParser(TestFactories.shipped(), OrderParserTest.CLOCK);
        return new FileIntake(inbox, parser, producer, "Stream", folders(), retries(), metrics(), MAX_RECORD_CHARS, Duration.ofSeconds(5));
    }

    private IntakeFolders folders() {
        return new IntakeFolders(dir.resolve("archive"), dir.resolve("error"), dir.resolve("rejected"), OrderParserTest.CLOCK);
    }

    private static IntakeRetries retries() {
        return new IntakeRetries(3, Duration.ofSeconds(1), OrderParserTest.CLOCK);
    }

    private static IntakeMetrics metrics() {
        return new IntakeMetrics(new SimpleMeterRegistry(), "orders");
    }

    private List<String> rejects(String file) throws IOException {
        return rejectLines(file).stream().map(r -> r.get("record").asLong() + ":" + r.get("reason").asText()).toList();
    }

    private List<JsonNode> rejectLines(String file) throws IOException {
        Path rejects = dir.resolve("rejected").resolve(file + ".rejects.ndjson");
        if (!Files.exists(rejects)) {
            return List.of();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(rejects)) {
            lines.add(Json.MAPPER.readTree(line));
        }
        return lines;
    }

    private static long count(Path folder, String name) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).count();
        }
    }

    /** Records keys as the producer saw them, acknowledging at once (thread-safe: the intake reads files on workers). */
    static class RecordingProducer implements RecordProducer {
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

    // ---- building the corpus

    /** An order case whose produced records are every {@code @n} in the text, in order. */
    private static Case orders(String name, String text, String... rejects) {
        List<String> produced = new ArrayList<>();
        Matcher m = Pattern.compile("@(\\d+)").matcher(text);
        while (m.find()) {
            produced.add("ok-" + m.group(1));
        }
        return orders(name, text, produced, rejects);
    }

    private static Case orders(String name, String text, List<String> produced, String... rejects) {
        return bytes(name, expand(text).getBytes(StandardCharsets.UTF_8), "orders", produced, rejects);
    }

    private static Case jobResults(String name, String text, List<String> produced, String... rejects) {
        return bytes(name, text.getBytes(StandardCharsets.UTF_8), "job-results", produced, rejects);
    }

    private static Case bytes(String name, byte[] content, String inbox, List<String> produced, String... rejects) {
        return new Case(name, inbox, content, produced, Arrays.asList(rejects), Ends.ARCHIVED);
    }

    static String order(String id) {
        return "{\"orderId\":\"" + id + "\",\"userid\":\"" + id + "@example.com\",\"gender\":\"F\",\"size\":\"M\","
                + "\"material\":\"lace\",\"design\":\"velvet\",\"activityTimestamp\":\"" + TS + "\"}";
    }

    private static String store(String id, String measurements) {
        return "{\"orderId\":\"" + id + "\",\"userid\":\"" + id + "@example.com\",\"gender\":\"F\",\"storeId\":\"store-07\",\"size\":{"
                + measurements + "},\"material\":\"cotton\",\"design\":\"custom\",\"activityTimestamp\":\"" + TS + "\"}";
    }

    private static String typoLine() {
        return "{{\"userid\":\"a@b.co\",\"gender\":\"F\"}";
    }

    private static String expand(String text) {
        return Pattern.compile("@(\\d+)").matcher(text).replaceAll(m -> Matcher.quoteReplacement(order("ok-" + m.group(1))));
    }

    private static String array(String... records) {
        return "[\n" + String.join(",\n", records) + "\n]\n";
    }

    private static String lines(String... records) {
        return String.join("\n", records) + "\n";
    }

    private static String pretty(String json) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(json)).replace("\n", "\n  ");
        } catch (IOException e) {
            return json.replace(",\"", ",\n    \"");
        }
    }

    private static byte[] withBom(String text, Charset charset, int... bom) {
        byte[] body = expand(text).getBytes(charset);
        byte[] out = new byte[bom.length + body.length];
        for (int i = 0; i < bom.length; i++) {
            out[i] = (byte) bom[i];
        }
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    /** A source whose first {@code failures} reads break off with an I/O error after the first record, like a flaky disk or mount. */
    private record FailingReads(IntakeSource source, AtomicInteger opened, int failures) implements IntakeSource {

        @Override
        public String name() {
            return source.name();
        }

        @Override
        public String location() {
            return source.location();
        }

        @Override
        public boolean exists() {
            return source.exists();
        }

        @Override
        public Reader open() throws IOException, InboxFile.Unreadable {
            Reader reader = source.open();
            if (opened.incrementAndGet() > failures) {
                return reader;
            }
            return new FilterReader(reader) {
                private int chars;

                @Override
                public int read() throws IOException {
                    if (++chars > 300) {
                        throw new IOException("Input/output error");
                    }
                    return super.read();
                }

                @Override
                public int read(char[] buffer, int offset, int length) throws IOException {
                    int n = read();
                    if (n < 0) {
                        return -1;
                    }
                    buffer[offset] = (char) n;
                    return 1;
                }
            };
        }

        @Override
        public String archive() throws IOException {
            return source.archive();
        }

        @Override
        public String setAside(String reason) throws IOException {
            return source.setAside(reason);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("orders.ndjson"));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
