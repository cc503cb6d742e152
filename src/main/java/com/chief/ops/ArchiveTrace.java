package com.chief.ops;

import com.chief.model.Json;
import com.chief.sink.s3.ArchiveFormat;
import com.chief.sink.s3.ArchiveLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An order in the S3 archive. Keys name the arrival hour, not the order, so the objects of a few
 * hours are read: the hours around the times the database knows of the order (its job received,
 * its row loaded, its events), else the last {@value #RECENT_HOURS} hours; at most
 * {@value #MAX_OBJECTS} objects. The answer says which hours were searched and how many objects read.
 */
final class ArchiveTrace {

    static final int RECENT_HOURS = 2;
    static final int MAX_OBJECTS = 400;
    private static final int MAX_HOURS = 8;

    private final S3Client s3;
    private final String bucket;

    ArchiveTrace(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    void trace(String orderId, List<Instant> hints, Instant now, ObjectNode document) {
        TreeSet<Instant> hours = new TreeSet<>();
        for (Instant hint : hints) {
            Instant hour = ArchiveLayout.hourOf(hint);
            hours.add(hour.minus(1, ChronoUnit.HOURS)); // arrival is before what the database saw of it
            hours.add(hour);
        }
        if (hours.isEmpty()) {
            for (int i = 0; i < RECENT_HOURS; i++) {
                hours.add(ArchiveLayout.hourOf(now).minus(i, ChronoUnit.HOURS));
            }
        }
        while (hours.size() > MAX_HOURS) {
            hours.pollFirst(); // the latest hours: an order's later events arrive later
        }
        ObjectNode stage = Json.MAPPER.createObjectNode();
        ArrayNode orderKeys = stage.putArray("orderKeys");
        ArrayNode jobResultKeys = stage.putArray("jobResultKeys");
        ArrayNode searched = stage.putArray("searchedHours");
        int read = 0;
        boolean cut = false;
        try {
            for (String prefix : ArchiveLayout.PREFIXES) {
                for (Instant hour : hours) {
                    searched.add(ArchiveLayout.hourPrefix(prefix, hour));
                    for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                            .prefix(ArchiveLayout.hourPrefix(prefix, hour)).build()).contents()) {
                        if (read >= MAX_OBJECTS) {
                            cut = true;
                            break;
                        }
                        read++;
                        if (holds(object.key(), orderId)) {
                            (ArchiveLayout.isJobResults(object.key()) ? jobResultKeys : orderKeys).add(object.key());
                        }
                    }
                }
            }
        } catch (RuntimeException | IOException e) {
            stage.put("error", true).put("reason", "archive unavailable: " + e.getMessage());
        }
        stage.put("objectsRead", read);
        if (cut) {
            stage.put("cutShort", "stopped after " + MAX_OBJECTS + " objects");
        }
        stage.put("found", !orderKeys.isEmpty());
        if (orderKeys.isEmpty() && !stage.has("reason")) {
            stage.put("reason", "no archived order in the hours searched");
        }
        document.set("archive", stage);
    }

    /** Whether an object has a line whose orderId is this one (a quick text match first, then the JSON). */
    private boolean holds(String key, String orderId) throws IOException {
        try (InputStream raw = s3.getObject(b -> b.bucket(bucket).key(key));
                BufferedReader lines = ArchiveFormat.lines(key, raw)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains(orderId) && orderId.equals(orderIdOf(line))) {
                    return true;
                }
            }
        }
        return false;
    }

    static String orderIdOf(String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            return node == null ? null : node.path("orderId").asText(null);
        } catch (IOException notJson) {
            return null;
        }
    }
}
