package com.chief.kinesis;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The consuming applications of this instance. They start reading only once Camel has fully
 * started (their routes must be there to take the batches) and stop with the context, before the
 * producer and the clients they use.
 */
public final class ConsumerApplications extends ServiceSupport implements ExtendedStartupListener {

    private final List<PollingStreamConsumer> consumers = new ArrayList<>();

    public void add(PollingStreamConsumer consumer) {
        consumers.add(consumer);
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
