package com.chief.intake;

import com.chief.config.ChiefSettings;
import com.chief.config.IntakeBeans;
import com.chief.kinesis.RecordProducer;
import com.chief.model.ReferenceData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;

/** One Chief's intake: its own Camel context with Chief's own wiring and route templates, on a given producer and pool. */
final class IntakeContext {

    private IntakeContext() {
    }

    static DefaultCamelContext start(ChiefSettings settings, ReferenceData reference, RecordProducer producer,
            DataSource dataSource) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("chiefSettings", settings);
        IntakeBeans.bind(context, settings, reference, producer, dataSource, new SimpleMeterRegistry());
        IntakeRoutes routes = new IntakeRoutes();
        context.addRoutes(routes); // the template
        context.addTemplatedRoutes(routes); // and the inboxes' routes from it, as Camel Main adds them
        context.start();
        return context;
    }
}
