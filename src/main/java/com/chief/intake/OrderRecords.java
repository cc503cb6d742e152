package com.chief.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Splits a JSON order file (array or single object) into records and gives each its partition key. */
public final class OrderRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderRecords() {
    }

    public static List<String> split(byte[] file) throws IOException {
        JsonNode root = JSON.readTree(file);
        List<String> records = new ArrayList<>();
        if (root == null) {
            return records;
        }
        if (root.isArray()) {
            root.forEach(node -> records.add(node.toString()));
        } else {
            records.add(root.toString());
        }
        return records;
    }

    /** The order's own id ({@code orderId} or {@code id}), else a hash of the record, so one order stays on one shard. */
    public static String partitionKey(String record) throws IOException {
        JsonNode node = JSON.readTree(record);
        for (String field : List.of("orderId", "id")) {
            JsonNode id = node.get(field);
            if (id != null && !id.asText().isBlank()) {
                return id.asText();
            }
        }
        return sha256(record);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
