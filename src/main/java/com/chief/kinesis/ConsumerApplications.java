package com.chief.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consuming applications of this instance. They start reading only once Camel has fully
 * started (their routes must be there to take the batches) and stop with the context, before the
 * producer and the clients they use.
 */
public final class ConsumerApplications extends ServiceSupport implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerApplications.class);

    private final List<PollingStreamConsumer> consumers = new ArrayList<>();
    private final Set<String> enabled;

    /** {@code enabled}: the applications this instance runs; empty for all of them. */
    public ConsumerApplications(Set<String> enabled) {
        this.enabled = enabled;
    }

    public void add(PollingStreamConsumer consumer) {
        if (enabled.isEmpty() || enabled.contains(consumer.application())) {
            consumers.add(consumer);
        } else {
            LOG.info("{} does not run in this instance (chief.consumer.applications)", consumer.application());
        }
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        // routes are not there yet
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // wait for fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ServiceHelper.startService(consumers);
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(consumers);
    }
}
