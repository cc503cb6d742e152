package com.chief.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** Creates a stream if it does not exist and waits until it is ACTIVE. */
final class KinesisStreams {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisStreams.class);

    private KinesisStreams() {
    }

    static void ensure(KinesisClient kinesis, String stream, int shards) {
        try {
            kinesis.describeStreamSummary(r -> r.streamName(stream));
            return;
        } catch (ResourceNotFoundException missing) {
            LOG.info("Creating Kinesis stream {} with {} shards", stream, shards);
        }
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
    }
}
