package com.chief.sink.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedFilesTest {

    @TempDir
    Path dir;

    @Test
    void remembersAcrossRestartsWhatWasIndexedAndNotWhatWasTakenBack() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("operations"));
        Files.writeString(folder.resolve("sla-breach-a.json"), "{}");
        Files.writeString(folder.resolve("sla-breach-b.json"), "{}");
        Path store = dir.resolve("indexed-files.txt");

        IndexedFiles first = new IndexedFiles(store, List.of(folder));
        first.start();
        assertThat(first.add("sla-breach-a.json-100")).isTrue();
        assertThat(first.add("sla-breach-a.json-100")).as("already there").isFalse();
        assertThat(first.add("sla-breach-b.json-100")).isTrue();
        assertThat(first.remove("sla-breach-b.json-100")).as("its indexing failed: read again").isTrue();
        assertThat(first.contains("sla-breach-b.json-100")).isFalse();
        first.stop();

        IndexedFiles second = new IndexedFiles(store, List.of(folder));
        second.start();
        assertThat(second.contains("sla-breach-a.json-100")).isTrue();
        assertThat(second.contains("sla-breach-b.json-100")).isFalse();
        assertThat(second.add("sla-breach-a.json-200")).as("the file changed: indexed again").isTrue();
        second.stop();
        assertThat(Files.readAllLines(store)).containsExactly("sla-breach-a.json-100", "sla-breach-a.json-200");
    }

    @Test
    void forgetsAtStartTheFilesNoLongerInAnyFolder() throws Exception {
        Path rejected = Files.createDirectories(dir.resolve("rejected"));
        Path operations = Files.createDirectories(dir.resolve("operations"));
        Files.writeString(rejected.resolve("x-1.rejects.ndjson"), "{}");
        Path store = dir.resolve("indexed-files.txt");
        // the format Camel's FileIdempotentRepository wrote: one key per line
        Files.write(store, List.of("x-1.rejects.ndjson-1700000000000", "sla-breach-gone.json-1700000000000"));

        IndexedFiles indexed = new IndexedFiles(store, List.of(rejected, operations));
        indexed.start();
        assertThat(indexed.contains("x-1.rejects.ndjson-1700000000000")).isTrue();
        assertThat(indexed.contains("sla-breach-gone.json-1700000000000")).as("purged by retention").isFalse();
        indexed.stop();
        assertThat(Files.readAllLines(store)).containsExactly("x-1.rejects.ndjson-1700000000000");
    }
}
