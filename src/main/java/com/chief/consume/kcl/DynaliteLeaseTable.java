package com.chief.consume.kcl;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;

/**
 * Creates an application's lease table on the embedded DynamoDB (dynalite) the way KCL 3 would,
 * lease-owner index included, before KCL starts. KCL adds that index to an existing table with
 * UpdateTable, which dynalite accepts but ignores (it handles only throughput changes), and KCL then
 * fails on the missing index. Created with the table, the index is there and KCL finds it ACTIVE.
 * Key schema and attributes come from KCL's own serializer; not used against AWS.
 */
final class DynaliteLeaseTable {

    private static final Logger LOG = LoggerFactory.getLogger(DynaliteLeaseTable.class);
    /** DynamoDBLeaseRefresher.LEASE_OWNER_TO_LEASE_KEY_INDEX_NAME, which KCL keeps package-private. */
    static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

    private DynaliteLeaseTable() {
    }

    static void create(DynamoDbAsyncClient dynamoDb, String table) {
        DynamoDBLeaseSerializer serializer = new DynamoDBLeaseSerializer();
        List<AttributeDefinition> attributes = new ArrayList<>(serializer.getAttributeDefinitions());
        attributes.addAll(serializer.getWorkerIdToLeaseKeyIndexAttributeDefinitions());
        try {
            dynamoDb.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(serializer.getKeySchema())
                    .attributeDefinitions(attributes)
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(LEASE_OWNER_INDEX)
                            .keySchema(serializer.getWorkerIdToLeaseKeyIndexKeySchema())
                            .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                            .build()))
                    .join();
            LOG.info("Created lease table {} with its {} index on the embedded DynamoDB", table, LEASE_OWNER_INDEX);
        } catch (java.util.concurrent.CompletionException e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw e;
            }
            // it exists already: an earlier run, or another worker of the application created it
        }
    }
}
