package com.chief.consume;

import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Makes the KCL engine's AWS clients, the first time an application needs them. The wiring supplies
 * it (it knows the region, endpoints and credentials), so the consumers do not depend on the configuration.
 */
public interface KclClients {

    /** Kinesis; {@code fanOut}: enhanced fan-out (HTTP/2) rather than polling. */
    KinesisAsyncClient kinesisAsync(boolean fanOut);

    DynamoDbAsyncClient dynamoDb();

    CloudWatchAsyncClient cloudWatch();
}
