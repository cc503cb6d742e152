package com.chief.sink.search;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts operations' own records into search for the dashboards: intake rejects
 * ({@code <rejected>/<file>.rejects.ndjson}, one document per rejected record) and SLA breach
 * notices ({@code sla-breach-<order>.json}). The files stay the durable record; documents have
 * deterministic ids, so indexing a file again (after an outage, or a restart) changes nothing.
 */
public final class OperationsIndex {

    static final int CHUNK = 1000;

    private final SearchIndexWriter.Bulk bulk;
    private final String rejectsIndex;
    private final String breachesIndex;
    private final TimeBasedIndex indices;

    public OperationsIndex(SearchIndexWriter.Bulk bulk, String rejectsIndex, String breachesIndex, String datePattern) {
        this.bulk = bulk;
        this.rejectsIndex = rejectsIndex;
        this.breachesIndex = breachesIndex;
        this.indices = new TimeBasedIndex(datePattern);
    }

    /** Indexes one file of the given kind ({@code rejects} or {@code sla-breach}); fails if the engine refused any of it. */
    public int index(String file, String kind) throws Exception {
        Path path = Path.of(file);
        return switch (kind) {
            case "rejects" -> rejects(path);
            case "sla-breach" -> send(path, List.of(breach(path)));
            default -> throw new IllegalArgumentException("Unknown operations file kind " + kind);
        };
    }

    /** A rejects file may hold millions of lines: it goes in bulk requests of {@value #CHUNK} documents. */
    private int rejects(Path file) throws Exception {
        int sent = 0;
        List<IndexAction> chunk = new ArrayList<>(CHUNK);
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    JsonNode reject = Json.MAPPER.readTree(line);
                    chunk.add(new IndexAction(indices.name(rejectsIndex, reject.path("rejectedAt").asText()),
                            reject.path("file").asText() + ":" + reject.path("record").asText(), SearchDocuments.document(reject), null));
                }
                if (chunk.size() == CHUNK) {
                    sent += send(file, chunk);
                    chunk.clear();
                }
            }
        }
        return sent + send(file, chunk);
    }

    private int send(Path file, List<IndexAction> actions) throws Exception {
        if (actions.isEmpty()) {
            return 0;
        }
        for (BulkItemResult item : bulk.send(actions)) {
            if (item.failed()) {
                throw new IllegalStateException("search engine refused " + file.getFileName() + ": " + item.describe());
            }
        }
        return actions.size();
    }

    private IndexAction breach(Path file) throws IOException {
        JsonNode notice = Json.MAPPER.readTree(file.toFile());
        return new IndexAction(indices.name(breachesIndex, notice.path("detectedAt").asText()), notice.path("orderId").asText(),
                SearchDocuments.document(notice), null);
    }
}
