package com.chief.consume.kcl;

import com.chief.consume.EngineSettings;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.kinesis.coordinator.CoordinatorState;
import software.amazon.kinesis.coordinator.migration.ClientVersion;
import software.amazon.kinesis.coordinator.migration.MigrationState;

/**
 * Chooses how KCL assigns an application's leases, through the state KCL 3 itself reads at start
 * (its coordinator state table, row {@code Migration3.0}). KCL 3.1's leader balances by throughput:
 * on an idle stream a worker that joins late gets no lease at all. {@code count} writes the state
 * KCL's migration tool writes for a rollback ({@code CLIENT_VERSION_2X}): KCL then runs its lease
 * taker, where every live worker takes its share and takes over expired leases. Written only where no
 * state exists yet; an existing state is KCL's to change (its migration tool), and is reported.
 */
final class LeaseAssignmentMode {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseAssignmentMode.class);

    private LeaseAssignmentMode() {
    }

    static void apply(DynamoDbAsyncClient dynamoDb, String table, EngineSettings engine, String workerId) {
        if (engine.leaseAssignment() != EngineSettings.LeaseAssignment.COUNT) {
            return;
        }
        createTable(dynamoDb, table, engine);
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(Map.of(
                            CoordinatorState.COORDINATOR_STATE_TABLE_HASH_KEY_ATTRIBUTE_NAME,
                            AttributeValue.fromS(MigrationState.MIGRATION_HASH_KEY),
                            MigrationState.CLIENT_VERSION_ATTRIBUTE_NAME, AttributeValue.fromS(ClientVersion.CLIENT_VERSION_2X.name()),
                            MigrationState.MODIFIED_BY_ATTRIBUTE_NAME, AttributeValue.fromS(workerId),
                            MigrationState.MODIFIED_TIMESTAMP_ATTRIBUTE_NAME,
                            AttributeValue.fromN(String.valueOf(System.currentTimeMillis()))))
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", CoordinatorState.COORDINATOR_STATE_TABLE_HASH_KEY_ATTRIBUTE_NAME)))
                    .join();
            LOG.info("{}: KCL assigns leases by count (lease taker)", table);
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw e;
            }
            String version = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                            .key(Map.of(CoordinatorState.COORDINATOR_STATE_TABLE_HASH_KEY_ATTRIBUTE_NAME,
                                    AttributeValue.fromS(MigrationState.MIGRATION_HASH_KEY))))
                    .join().item().getOrDefault(MigrationState.CLIENT_VERSION_ATTRIBUTE_NAME, AttributeValue.fromS("?")).s();
            if (!version.equals(ClientVersion.CLIENT_VERSION_2X.name())) {
                LOG.warn("{} holds KCL state {}: this application keeps KCL 3's throughput-based lease assignment "
                        + "(chief.consumer.kcl.lease-assignment=count applies to new lease tables; KCL's migration tool "
                        + "can roll an existing one back)", table, version);
            }
        }
    }

    /** The table as KCL creates it (hash key {@code key}), so the state can be written before KCL starts. */
    private static void createTable(DynamoDbAsyncClient dynamoDb, String table, EngineSettings engine) {
        String key = CoordinatorState.COORDINATOR_STATE_TABLE_HASH_KEY_ATTRIBUTE_NAME;
        try {
            dynamoDb.createTable(r -> {
                r.tableName(table)
                        .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName(key)
                                .attributeType(ScalarAttributeType.S).build())
                        .billingMode(engine.billingMode());
                if (engine.billingMode() == software.amazon.awssdk.services.dynamodb.model.BillingMode.PROVISIONED) {
                    r.provisionedThroughput(t -> t.readCapacityUnits(10L).writeCapacityUnits(10L));
                }
            }).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw e;
            }
            // exists, or another worker is creating it right now
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table)).join();
    }
}
