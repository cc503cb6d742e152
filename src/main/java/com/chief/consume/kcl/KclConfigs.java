package com.chief.consume.kcl;

import com.chief.consume.EngineSettings;
import com.chief.consume.ConsumerSettings;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.DdbTableConfig;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.QuickStartScheduler;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * Builds the KCL scheduler of one application from Chief's settings. KCL's config objects are
 * tuned where ConfigsBuilder created them (replacing some, such as the worker-utilisation config,
 * breaks KCL 3). How leases are assigned is chosen by {@link LeaseAssignmentMode}. Everything else is
 * KCL's default: PAY_PER_REQUEST tables, the lease-owner index, leader-elected shard sync.
 */
final class KclConfigs {

    private KclConfigs() {
    }

    static Scheduler scheduler(ConsumerSettings consumer, EngineSettings engine, String workerId, KinesisAsyncClient kinesis,
            DynamoDbAsyncClient dynamoDb, CloudWatchAsyncClient cloudWatch, ShardRecordProcessorFactory processors) {
        String application = engine.kclApplication(consumer.application());
        InitialPositionInStream start = InitialPositionInStream.valueOf(consumer.startAt().name());
        ConfigsBuilder configs = new ConfigsBuilder(new SingleStreamTracker(consumer.stream(),
                InitialPositionInStreamExtended.newInitialPosition(start)), application, kinesis, dynamoDb, cloudWatch,
                workerId, processors);

        long failover = engine.failoverTime().toMillis();
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(failover)
                .shardSyncIntervalMillis(engine.shardSyncInterval().toMillis())
                .leasesRecoveryAuditorExecutionFrequencyMillis(Math.max(engine.shardSyncInterval().toMillis(), 5_000));
        // PAY_PER_REQUEST on AWS; PROVISIONED for dynalite, which refuses a new index without a throughput
        leases.billingMode(engine.billingMode());
        for (DdbTableConfig table : List.of(configs.coordinatorConfig().coordinatorStateTableConfig(),
                leases.workerUtilizationAwareAssignmentConfig().workerMetricsTableConfig())) {
            table.billingMode(engine.billingMode()).readCapacity(10).writeCapacity(10);
        }
        // no per-worker CPU metrics to publish (with lease-assignment=throughput KCL 3.1 balances by throughput)
        // KCL 3's leader counts a worker as alive until it misses two worker-metrics reports (30 s
        // apart by default) and keeps assigning it leases meanwhile: report at the failover time so
        // a dead worker's shards are settled within about two failover times
        leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true).workerMetricsReporterFreqInMillis(failover);

        // read by KCL when the scheduler starts, so written now
        LeaseAssignmentMode.apply(dynamoDb, configs.coordinatorConfig().coordinatorStateTableConfig().tableName(), engine,
                workerId);
        CoordinatorConfig coordinator = configs.coordinatorConfig()
                .parentShardPollIntervalMillis(Math.min(10_000, failover))
                .schedulerInitializationBackoffTimeMillis(1_000);

        RetrievalConfig retrieval = configs.retrievalConfig();
        if (engine.retrieval() == EngineSettings.Retrieval.FANOUT) {
            retrieval.retrievalSpecificConfig(new FanOutConfig(kinesis).streamName(consumer.stream())
                    .applicationName(application));
        } else {
            // one GetRecords per shard per poll delay, whatever the backlog: the stream's 5 calls/s are shared
            retrieval.retrievalSpecificConfig(new PollingConfig(consumer.stream(), kinesis)
                    .maxRecords(Math.min(consumer.maxRecordsPerPoll(), 10_000))
                    .idleTimeBetweenReadsInMillis(Math.max(200, consumer.pollDelay().toMillis())));
        }

        MetricsConfig metrics = configs.metricsConfig();
        if (engine.cloudWatchMetrics().equals("NONE")) {
            metrics.metricsFactory(new NullMetricsFactory()).metricsLevel(MetricsLevel.NONE);
        } else {
            metrics.metricsLevel(MetricsLevel.valueOf(engine.cloudWatchMetrics()));
        }

        var processor = configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true); // idle flushes by age
        return engine.quickFirstStart()
                ? new QuickStartScheduler(configs.checkpointConfig(), coordinator, leases, configs.lifecycleConfig(), metrics,
                        processor, retrieval)
                : new Scheduler(configs.checkpointConfig(), coordinator, leases, configs.lifecycleConfig(), metrics,
                        processor, retrieval);
    }

    static Duration shutdownTimeout(EngineSettings engine) {
        return Duration.ofSeconds(30).plus(engine.failoverTime());
    }
}
