package com.chief.bootstrap;

import com.chief.config.ChiefSettings;
import com.chief.health.Reasons;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Creates what Chief needs, idempotently: streams, bucket, index templates, tables. Runs in the
 * local profile, and in the aws profile only with {@code chief.aws.create-resources=true}. A system
 * that cannot be reached is logged and left to its health check: the app keeps running.
 */
public final class ResourceBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceBootstrap.class);

    private ResourceBootstrap() {
    }

    public static void run(ChiefSettings settings, KinesisClient kinesis, S3Client s3, DataSource dataSource) {
        ChiefSettings.Kinesis streams = settings.kinesis();
        attempt("Kinesis streams", () -> {
            KinesisStreams.ensure(kinesis, streams.ordersStream(), streams.ordersShards());
            KinesisStreams.ensure(kinesis, streams.jobResultsStream(), streams.jobResultsShards());
        });
        attempt("S3 bucket " + settings.s3().bucket(), () -> S3Buckets.ensure(s3, settings.s3().bucket()));
        attempt("search index templates", () -> SearchTemplates.apply(settings.search()));
        attempt("database schema", () -> DatabaseMigrations.migrate(dataSource));
    }

    private static void attempt(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted while creating {}", what);
        } catch (Exception e) {
            LOG.error("Could not create {}: {} (see /observe/health)", what, Reasons.of(e));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
