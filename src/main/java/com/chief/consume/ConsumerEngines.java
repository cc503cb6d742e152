package com.chief.consume;

import com.chief.consume.kcl.KclStreamConsumer;
import com.chief.instance.InstanceIds;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.camel.Service;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Builds each consuming application's reader for the configured engine
 * ({@code chief.consumer.engine}): a KCL worker, or Chief's polling reader guarded by an ownership
 * row. Owns the KCL engine's clients and closes them after the applications have stopped.
 */
public final class ConsumerEngines extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerEngines.class);

    private final EngineSettings engine;
    private final KclClients kclClients;
    private final KinesisClient kinesis;
    private final CheckpointStore checkpoints;
    private final DeadLetters deadLetters;
    private final ConsumerMetrics metrics;
    private final ConsumerOwnership ownership;
    private final String instanceId;
    private final List<OwnedConsumer> owned = new CopyOnWriteArrayList<>();
    private KinesisAsyncClient kinesisAsync;
    private DynamoDbAsyncClient dynamoDb;
    private CloudWatchAsyncClient cloudWatch;

    public ConsumerEngines(EngineSettings engine, KclClients kclClients, KinesisClient kinesis, DataSource dataSource,
            CheckpointStore checkpoints, DeadLetters deadLetters, ConsumerMetrics metrics) {
        this.engine = engine;
        this.kclClients = kclClients;
        this.kinesis = kinesis;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.instanceId = engine.workerId().isBlank() ? InstanceIds.consumer() : engine.workerId();
        this.ownership = new ConsumerOwnership(dataSource, instanceId, engine.ownershipStaleAfter());
        LOG.info("Consumer engine {} (instance {})", engine.engine().name().toLowerCase(), instanceId);
    }

    /** The reader of one application: started and stopped by ConsumerApplications. */
    public Service consumer(ConsumerSettings consumer, BatchHandler handler) {
        if (engine.kcl()) {
            ensureKclClients();
            return new KclStreamConsumer(consumer, engine, instanceId, kinesisAsync, dynamoDb, cloudWatch, handler,
                    deadLetters, metrics);
        }
        OwnedConsumer guarded = new OwnedConsumer(consumer.application(),
                new PollingStreamConsumer(consumer, kinesis, checkpoints, handler, deadLetters, metrics), ownership,
                engine.ownershipHeartbeat());
        owned.add(guarded);
        return guarded;
    }

    /** DOWN while another live instance runs one of this instance's polling applications. */
    public OwnershipHealthCheck healthCheck() {
        return new OwnershipHealthCheck(owned);
    }

    private synchronized void ensureKclClients() {
        if (kinesisAsync == null) {
            boolean fanOut = engine.retrieval() == EngineSettings.Retrieval.FANOUT;
            kinesisAsync = kclClients.kinesisAsync(fanOut);
            dynamoDb = kclClients.dynamoDb();
            cloudWatch = kclClients.cloudWatch();
        }
    }

    @Override
    protected synchronized void doStop() {
        for (AutoCloseable client : new AutoCloseable[] {kinesisAsync, dynamoDb, cloudWatch}) {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (Exception e) {
                LOG.debug("Closing a KCL client failed: {}", e.getMessage());
            }
        }
    }
}
