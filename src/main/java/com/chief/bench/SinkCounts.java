package com.chief.bench;

import com.chief.local.LocalCredentials;
import com.chief.model.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What really landed, counted in the sinks themselves: distinct order ids inside the S3 objects'
 * contents, documents the search engine finds, rows in the database. Never from logs or metrics.
 */
final class SinkCounts implements AutoCloseable {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");

    private final S3Client s3;
    private final String bucket;
    private final String s3Prefix;
    private final String searchUrl;
    private final String jdbcUrl;
    private final Set<String> readKeys = new HashSet<>();
    private final Set<String> archivedIds = new HashSet<>();
    private Connection db;

    SinkCounts(String s3Endpoint, String bucket, String s3Prefix, String searchUrl, String jdbcUrl) {
        this.s3 = s3Client(s3Endpoint);
        this.bucket = bucket;
        this.s3Prefix = s3Prefix;
        this.searchUrl = searchUrl;
        this.jdbcUrl = jdbcUrl;
    }

    static S3Client s3Client(String endpoint) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .build();
    }

    /** Distinct order ids starting with {@code idPrefix} in the archive objects; reads each new object once. */
    synchronized long archived(String idPrefix) {
        try {
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(s3Prefix)).contents()) {
                if (readKeys.add(object.key())) {
                    String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8);
                    for (String line : text.split("\n")) {
                        Matcher m = ORDER_ID.matcher(line);
                        if (m.find()) {
                            archivedIds.add(m.group(1));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // the archive is not there yet: count what was read
        }
        return archivedIds.stream().filter(id -> id.startsWith(idPrefix)).count();
    }

    /** Objects under the prefix (one per order in the naive pipeline). */
    long objects() {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(s3Prefix)).contents().stream().count();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Documents of {@code index} (a pattern) whose orderId starts with the prefix, as a searcher sees them (no refresh). */
    long searchable(String index, String idPrefix) {
        var response = ChiefUnderTest.post(searchUrl + "/" + index + "/_count",
                "{\"query\":{\"prefix\":{\"orderId\":\"" + idPrefix + "\"}}}");
        try {
            return response == null || response.statusCode() != 200 ? 0 : Json.MAPPER.readTree(response.body()).path("count").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Rows of {@code table} whose {@code column} starts with the prefix. */
    long rows(String table, String column, String idPrefix) {
        try {
            if (db == null || db.isClosed()) {
                db = DriverManager.getConnection(jdbcUrl);
            }
            try (PreparedStatement statement = db.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?")) {
                statement.setString(1, idPrefix + "%");
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        } catch (SQLException e) {
            return 0; // the table is created by the first load
        }
    }

    @Override
    public void close() throws SQLException {
        s3.close();
        if (db != null) {
            db.close();
        }
    }
}
