package com.chief.health;

import com.chief.config.ChiefSettings;
import com.chief.sink.search.SearchRequests;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.s3.S3Client;

/** The probe of each external system. Every call has a short timeout so health answers quickly. */
public final class Probes {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern CLUSTER_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private Probes() {
    }

    public static Probe kinesis(KinesisClient kinesis, List<String> streams) {
        return () -> {
            StringBuilder summary = new StringBuilder();
            for (String stream : streams) {
                StreamDescriptionSummary description = kinesis.describeStreamSummary(r -> r
                        .streamName(stream)
                        .overrideConfiguration(c -> c.apiCallTimeout(TIMEOUT))).streamDescriptionSummary();
                summary.append(summary.isEmpty() ? "" : ", ").append(stream).append(' ')
                        .append(description.streamStatusAsString()).append(" (")
                        .append(description.openShardCount()).append(" shards)");
            }
            return summary.toString();
        };
    }

    public static Probe s3(S3Client s3, String bucket) {
        return () -> {
            s3.headBucket(r -> r.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(TIMEOUT)));
            return "bucket " + bucket + " reachable";
        };
    }

    /** {@code /_cluster/health}: the same in OpenSearch and Elasticsearch (whose test build has no {@code /}). */
    public static Probe search(ChiefSettings.Search search) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        return () -> {
            HttpRequest.Builder request = SearchRequests.request(search.requestAuth(), "GET", search.url().resolve("/_cluster/health"),
                    null, null, TIMEOUT);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " from /_cluster/health");
            }
            Matcher status = CLUSTER_STATUS.matcher(response.body());
            String cluster = status.find() ? status.group(1) : "unknown";
            if (!cluster.equals("green") && !cluster.equals("yellow")) {
                throw new IllegalStateException("cluster status is " + cluster);
            }
            return "cluster " + cluster;
        };
    }

    /** Usable when every one is: their descriptions joined, or the first one's failure. */
    public static Probe allOf(Probe... probes) {
        return () -> {
            StringBuilder summary = new StringBuilder();
            for (Probe probe : probes) {
                summary.append(summary.isEmpty() ? "" : ", ").append(probe.check());
            }
            return summary.toString();
        };
    }

    public static Probe database(DataSource dataSource) {
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid((int) TIMEOUT.toSeconds())) {
                    throw new IllegalStateException("connection is not valid");
                }
                return connection.getMetaData().getDatabaseProductName() + " "
                        + connection.getMetaData().getDatabaseProductVersion();
            }
        };
    }
}
