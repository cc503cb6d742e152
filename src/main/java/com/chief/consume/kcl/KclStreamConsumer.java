package com.chief.consume.kcl;

import com.chief.consume.EngineSettings;
import com.chief.consume.BatchHandler;
import com.chief.consume.ConsumerMetrics;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.DeadLetters;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.Lease;

/**
 * One consuming application read through KCL: this instance is one worker of the application and
 * processes the shards whose leases it holds; other instances with the same application hold the
 * others, and take over a shard whose holder stops renewing its lease.
 */
public final class KclStreamConsumer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(KclStreamConsumer.class);

    private final ConsumerSettings settings;
    private final EngineSettings engine;
    private final String workerId;
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamoDb;
    private final CloudWatchAsyncClient cloudWatch;
    private final BatchHandler handler;
    private final DeadLetters deadLetters;
    private final ConsumerMetrics metrics;
    private volatile boolean running;
    private Scheduler scheduler;
    private Thread thread;

    public KclStreamConsumer(ConsumerSettings settings, EngineSettings engine, String workerId, KinesisAsyncClient kinesis,
            DynamoDbAsyncClient dynamoDb, CloudWatchAsyncClient cloudWatch, BatchHandler handler, DeadLetters deadLetters,
            ConsumerMetrics metrics) {
        this.settings = settings;
        this.engine = engine;
        this.workerId = workerId;
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.cloudWatch = cloudWatch;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    public String application() {
        return settings.application();
    }

    public String workerId() {
        return workerId;
    }

    /** The shards whose leases this worker holds now. */
    public Set<String> heldShards() {
        Scheduler current = scheduler;
        if (current == null || !current.leaseCoordinator().isRunning()) {
            return Set.of();
        }
        return current.leaseCoordinator().getAssignments().stream().map(Lease::leaseKey).collect(Collectors.toSet());
    }

    @Override
    protected void doStart() {
        running = true;
        if (engine.dynamoDbEmbedded()) {
            DynaliteLeaseTable.create(dynamoDb, engine.kclApplication(settings.application()));
        }
        scheduler = KclConfigs.scheduler(settings, engine, workerId, kinesis, dynamoDb, cloudWatch,
                () -> new KclRecordProcessor(settings, handler, deadLetters, metrics, this::holds, () -> running));
        thread = new Thread(scheduler, "kcl-" + settings.application());
        thread.setDaemon(true);
        thread.start();
        LOG.info("{}: KCL worker {} started on {} (lease table {})", settings.application(), workerId, settings.stream(),
                engine.kclApplication(settings.application()));
    }

    private boolean holds(String shardId) {
        Scheduler current = scheduler;
        return current != null && current.leaseCoordinator().getCurrentlyHeldLease(shardId) != null;
    }

    /** Graceful: each processor is asked to flush and checkpoint, then the leases are released for the others. */
    @Override
    protected void doStop() throws Exception {
        if (scheduler == null) {
            return;
        }
        try {
            boolean done = scheduler.startGracefulShutdown()
                    .get(KclConfigs.shutdownTimeout(engine).toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                LOG.warn("{}: KCL graceful shutdown did not complete", settings.application());
            }
        } catch (Exception e) {
            LOG.warn("{}: KCL graceful shutdown failed: {}", settings.application(), e.toString());
        } finally {
            running = false;
            scheduler.shutdown();
            thread.join(10_000);
        }
    }

    /** Stops without a graceful hand-over, as a crash would: leases expire and other workers take them. */
    public void halt() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }
}
