package com.chief.sink.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsIndexTest {

    @TempDir
    Path dir;

    @Test
    void aHundredThousandRejectsGoInBoundedBulkRequestsEachIndexedOnce() throws Exception {
        Path rejects = dir.resolve("big.json.rejects.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(rejects)) {
            for (int i = 1; i <= 100_000; i++) {
                out.write("{\"file\":\"big.json\",\"record\":" + i + ",\"reason\":\"INVALID_EMAIL\",\"rejectedAt\":\"2026-12-01T10:00:00Z\"}\n");
            }
        }
        List<Integer> requestSizes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        SearchIndexWriter.Bulk bulk = actions -> {
            requestSizes.add(actions.size());
            List<BulkItemResult> results = new ArrayList<>();
            for (IndexAction action : actions) {
                ids.add(action.id());
                results.add(new BulkItemResult(201, action.index(), null, null));
            }
            return results;
        };

        int indexed = new OperationsIndex(bulk, "chief-rejects", "chief-sla-breaches", "yyyy.MM").index(rejects.toString(), "rejects");

        assertThat(indexed).isEqualTo(100_000);
        assertThat(ids).hasSize(100_000);
        assertThat(requestSizes).hasSize(100).allMatch(size -> size <= OperationsIndex.CHUNK);
    }
}
