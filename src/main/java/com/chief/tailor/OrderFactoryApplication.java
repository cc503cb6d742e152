package com.chief.tailor;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.CamelBatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The order-factory application: reads the orders stream, drops orders already processed (by
 * order id, {@link OrderBatches}, which also counts them) and hands every other order to the factory
 * of its zone through the {@code order-factory} route ({@link OrderFactoryRoutes}). When this
 * instance starts reading a shard, the {@link Workshop} takes up that shard's unfinished jobs.
 */
public final class OrderFactoryApplication {

    public static final String NAME = "order-factory";
    /** The route that takes each batch; also its route id. */
    static final String ROUTE = NAME;

    private OrderFactoryApplication() {
    }

    /** Binds the route's batch steps ({@code orderBatches}) and declares the application. */
    public static ConsumingApplication create(CamelContext context, Workshop workshop, BatchDeduplicator dedupe,
            DeadLetters deadLetters, MeterRegistry meters) {
        context.getRegistry().bind("orderBatches", new OrderBatches(dedupe, deadLetters, meters, workshop));
        return new ConsumingApplication(NAME, ConsumedStream.ORDERS,
                new Handler(new CamelBatchHandler(context, "direct:" + ROUTE), workshop));
    }

    /** Batches go to the route; a shard taken has its jobs taken up by the workshop. */
    record Handler(BatchHandler route, Workshop workshop) implements BatchHandler {

        @Override
        public Checkpoint handle(RecordBatch batch) throws Exception {
            return route.handle(batch);
        }

        @Override
        public void take(String shardId) throws Exception {
            workshop.resumeShard(shardId);
        }
    }
}
