package com.chief.consume;

import static com.chief.settings.ChiefKeys.*;

import com.chief.settings.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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

    public static EngineSettings read(Settings settings, boolean localProfile) {
        Engine engine = Engine.valueOf(upper(settings.get(CONSUMER_ENGINE)));
        Optional<URI> endpoint = settings.get(DYNAMODB_ENDPOINT);
        boolean embedded = localProfile && engine == Engine.KCL && endpoint.isEmpty();
        int port = settings.get(LOCAL_DYNAMODB_PORT);
        if (embedded) {
            endpoint = Optional.of(URI.create("http://127.0.0.1:" + port));
        }
        return new EngineSettings(engine, endpoint, embedded, port,
                settings.get(KCL_APPLICATION_PREFIX),
                settings.get(KCL_WORKER_ID),
                Retrieval.valueOf(upper(settings.get(KCL_RETRIEVAL))),
                settings.get(KCL_CLOUDWATCH_METRICS),
                settings.get(KCL_FAILOVER_TIME_MS),
                settings.get(KCL_SHARD_SYNC_INTERVAL_MS),
                BillingMode.valueOf(settings.get(KCL_BILLING_MODE)),
                LeaseAssignment.valueOf(upper(settings.get(KCL_LEASE_ASSIGNMENT))),
                settings.get(KCL_QUICK_FIRST_START),
                settings.get(CONSUMER_OWNERSHIP_HEARTBEAT_MS),
                settings.get(CONSUMER_OWNERSHIP_STALE_AFTER_MS));
    }

    /** The table's choices are the constants' names in lower case. */
    private static String upper(String choice) {
        return choice.toUpperCase(Locale.ROOT);
    }
}
