package com.chief.tailor;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.CamelBatchHandler;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The order-factory application: reads the orders stream, drops orders already processed (by
 * order id, {@link OrderBatches}, which also counts them) and hands every other order to the factory
 * of its zone through the {@code order-factory} route ({@link OrderFactoryRoutes}).
 */
public final class OrderFactoryApplication {

    public static final String NAME = "order-factory";
    /** The route that takes each batch; also its route id. */
    static final String ROUTE = NAME;

    private OrderFactoryApplication() {
    }

    /** Binds the route's batch steps ({@code orderBatches}) and declares the application. */
    public static ConsumingApplication create(CamelContext context, BatchDeduplicator dedupe, DeadLetters deadLetters,
            MeterRegistry meters) {
        context.getRegistry().bind("orderBatches", new OrderBatches(dedupe, deadLetters, meters));
        return new ConsumingApplication(NAME, ConsumedStream.ORDERS, new CamelBatchHandler(context, "direct:" + ROUTE));
    }
}
