package software.amazon.kinesis.coordinator;

import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Chief (local profile only, {@code chief.consumer.kcl.quick-first-start}): KCL 3.1 makes every
 * worker of a new application wait a random 1-30 s while the lease table is empty, so that one of
 * many workers starting together creates the leases; the wait is a constant, no setting changes
 * it. Locally the one or two workers may both create them (KCL creates each lease with a
 * conditional put, so that is safe), and the application is reading within seconds. Declared in
 * KCL's package because the method is package-private; nothing else of KCL is changed.
 */
public final class QuickStartScheduler extends Scheduler {

    public QuickStartScheduler(CheckpointConfig checkpointConfig, CoordinatorConfig coordinatorConfig,
            LeaseManagementConfig leaseManagementConfig, LifecycleConfig lifecycleConfig, MetricsConfig metricsConfig,
            ProcessorConfig processorConfig, RetrievalConfig retrievalConfig) {
        super(checkpointConfig, coordinatorConfig, leaseManagementConfig, lifecycleConfig, metricsConfig, processorConfig,
                retrievalConfig);
    }

    @Override
    boolean shouldInitiateLeaseSync() {
        return true;
    }
}
