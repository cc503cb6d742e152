package com.chief.consume;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Service;
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

    private final List<Service> consumers = new ArrayList<>();

    /**
     * {@code declared}: every application Chief has; {@code enabled}: the names of those this
     * instance runs (chief.consumer.applications), empty for all; {@code engine} reads for one.
     */
    public ConsumerApplications(List<ConsumingApplication> declared, Set<String> enabled,
            Function<ConsumingApplication, Service> engine) {
        Set<String> known = declared.stream().map(ConsumingApplication::name).collect(Collectors.toCollection(TreeSet::new));
        for (String name : enabled) {
            if (!known.contains(name)) {
                throw new IllegalStateException("chief.consumer.applications: unknown application '" + name
                        + "' (known: " + known + ")");
            }
        }
        for (ConsumingApplication application : declared) {
            if (enabled.isEmpty() || enabled.contains(application.name())) {
                consumers.add(engine.apply(application));
            } else {
                LOG.info("{} does not run in this instance (chief.consumer.applications)", application.name());
            }
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

    /** All at once: a KCL worker's graceful shutdown (hand-over, final checkpoints) takes seconds each. */
    @Override
    protected void doStop() throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        for (Service consumer : consumers) {
            Thread thread = new Thread(() -> ServiceHelper.stopService(consumer), "stop-consumer");
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            thread.join();
        }
    }
}
