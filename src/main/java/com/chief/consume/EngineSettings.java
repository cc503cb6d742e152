package com.chief.consume;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * How the consuming applications read their streams ({@code chief.consumer.engine}):
 * {@code polling} — Chief's own reader, checkpoints in the database, one instance per application
 * (guarded by an ownership row); {@code kcl} — the Kinesis Client Library, shard leases and
 * checkpoints in DynamoDB (one lease table per application), so instances share the shards.
 */
public record EngineSettings(
        Engine engine,
        Optional<URI> dynamoDbEndpoint,
        boolean dynamoDbEmbedded,
        int localDynamoDbPort,
        String applicationPrefix,
        String workerId,
        Retrieval retrieval,
        String cloudWatchMetrics,
        Duration failoverTime,
        Duration shardSyncInterval,
        BillingMode billingMode,
        LeaseAssignment leaseAssignment,
        boolean quickFirstStart,
        Duration ownershipHeartbeat,
        Duration ownershipStaleAfter) {

    public enum Engine { POLLING, KCL }

    /**
     * count: KCL's lease taker (its 2.x assignment, kept by KCL 3 for rollback) — every live worker takes
     * its share of the leases, a new instance too, idle stream or not; throughput: KCL 3's leader
     * assigns by throughput and moves nothing on an idle stream.
     */
    public enum LeaseAssignment { COUNT, THROUGHPUT }

    /** polling: GetRecords shared by every application of the stream; fanout: KCL's enhanced fan-out (AWS only). */
    public enum Retrieval { POLLING, FANOUT }

    public boolean kcl() {
        return engine == Engine.KCL;
    }

    /** KCL's application name, which is also the lease table's name (DynamoDB names are per account and region). */
    public String kclApplication(String application) {
        return applicationPrefix + application;
    }

    /** {@code get} resolves a key (a missing key is a packaging defect and throws). */
    public static EngineSettings read(Function<String, String> get, boolean localProfile) {
        Engine engine = choice(get, "chief.consumer.engine", Engine.class);
        Optional<URI> endpoint = uri(get.apply("chief.dynamodb.endpoint"), "chief.dynamodb.endpoint");
        boolean embedded = localProfile && engine == Engine.KCL && endpoint.isEmpty();
        int port = Integer.parseInt(get.apply("chief.local.dynamodb-port"));
        if (embedded) {
            endpoint = Optional.of(URI.create("http://127.0.0.1:" + port));
        }
        String metrics = get.apply("chief.consumer.kcl.cloudwatch-metrics").toUpperCase();
        if (!metrics.equals("NONE") && !metrics.equals("SUMMARY") && !metrics.equals("DETAILED")) {
            throw new IllegalStateException("chief.consumer.kcl.cloudwatch-metrics must be NONE, SUMMARY or DETAILED, got '"
                    + metrics + "'");
        }
        return new EngineSettings(engine, endpoint, embedded, port,
                get.apply("chief.consumer.kcl.application-prefix"),
                get.apply("chief.consumer.kcl.worker-id"),
                choice(get, "chief.consumer.kcl.retrieval", Retrieval.class),
                metrics,
                Duration.ofMillis(Long.parseLong(get.apply("chief.consumer.kcl.failover-time-ms"))),
                Duration.ofMillis(Long.parseLong(get.apply("chief.consumer.kcl.shard-sync-interval-ms"))),
                BillingMode.fromValue(get.apply("chief.consumer.kcl.billing-mode").trim().toUpperCase()),
                choice(get, "chief.consumer.kcl.lease-assignment", LeaseAssignment.class),
                Boolean.parseBoolean(get.apply("chief.consumer.kcl.quick-first-start").trim()),
                Duration.ofMillis(Long.parseLong(get.apply("chief.consumer.ownership.heartbeat-ms"))),
                Duration.ofMillis(Long.parseLong(get.apply("chief.consumer.ownership.stale-after-ms"))));
    }

    private static <E extends Enum<E>> E choice(Function<String, String> get, String key, Class<E> type) {
        String value = get.apply(key);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase() + ", got '" + value + "'");
        }
    }

    private static Optional<URI> uri(String value, String key) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(value.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException(key + " must be a URL like http://host:port, got '" + value + "'");
        }
        return Optional.of(uri);
    }
}
