package com.chief.consume;

import java.time.Duration;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * One consuming application: its name (checkpoints and dedupe are kept per name), the stream, where
 * a new application starts, and how it polls: Kinesis records per GetRecords, the pause when a
 * shard has nothing new, user records per batch handed to the route, the longest pause before a
 * failed batch is offered again, and the failures of a batch (then of a record alone) before its
 * failing record is looked for and dead-lettered.
 */
public record ConsumerSettings(String application, String stream, ShardIteratorType startAt, int maxRecordsPerPoll,
        Duration pollDelay, int batchSize, Duration maxBackoff, int poisonAttempts) {
}
