package com.chief.ops;

import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.sink.aurora.ArchiveListing;
import com.chief.sink.aurora.StoredObject;
import com.chief.sink.s3.ArchiveFormat;
import com.chief.sink.s3.ArchiveLayout;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads the archive by arrival hour: the objects of an hour (one listing of its prefix, keys by
 * {@link ArchiveLayout}) and the records of an object (one GET). Counts its GETs, so that a test
 * can tell an hour was not read again. A line that is no record (the loader sets those aside) is
 * skipped here.
 */
public final class ArchiveReader {

    private final ArchiveListing listing;
    private final S3Client s3;
    private final String bucket;
    private final AtomicLong gets = new AtomicLong();

    public ArchiveReader(S3Client s3, String bucket) {
        this.listing = new ArchiveListing(s3, bucket);
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The objects under {@code prefix} (orders or job-results) that arrived in {@code hour}. */
    public List<StoredObject> objects(String prefix, Instant hour) {
        return listing.listHour(ArchiveLayout.hourPrefix(prefix, hour));
    }

    public List<ArchivedRecord> records(StoredObject object) throws IOException {
        gets.incrementAndGet();
        List<ArchivedRecord> records = new ArrayList<>();
        try (InputStream body = s3.getObject(r -> r.bucket(bucket).key(object.key()));
                BufferedReader reader = ArchiveFormat.lines(object.key(), body)) {
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                read(object, number, text).ifPresent(records::add);
            }
        }
        return records;
    }

    /** The GETs this reader made so far. */
    public long gets() {
        return gets.get();
    }

    private static Optional<ArchivedRecord> read(StoredObject object, int number, String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            String orderId = node.path("orderId").asText(null);
            if (orderId == null) {
                return Optional.empty();
            }
            JobStatus status = null;
            if (object.isJobResults()) {
                status = JobStatus.parse(node.path("status").asText("")).orElse(null);
                if (status == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(new ArchivedRecord(object, number, text, orderId, status));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
