package com.chief.tailor;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.ReplayShards;
import com.chief.consume.UserRecord;
import com.chief.model.Json;
import com.chief.model.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The order-factory application's batch steps: parse the batch's orders (a record that is not an
 * order is dead-lettered), drop the ones already processed, and after the batch went through,
 * remember its order ids. The batch's shard goes with its orders ({@link #SHARD}), recorded with their jobs.
 */
public final class OrderBatches {

    private static final String APPLICATION = OrderFactoryApplication.NAME;
    private static final String KEYS = "chiefDedupeKeys";
    /** Exchange property: the orders-stream shard the orders came from. */
    static final String SHARD = "chiefShardId";

    private final BatchDeduplicator dedupe;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;

    OrderBatches(BatchDeduplicator dedupe, DeadLetters deadLetters, MeterRegistry meters) {
        this.dedupe = dedupe;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /** Body: {@link RecordBatch} in, the orders not seen before out. */
    public void unseen(Exchange exchange) throws Exception {
        RecordBatch batch = exchange.getIn().getBody(RecordBatch.class);
        List<Order> orders = new ArrayList<>();
        for (UserRecord record : batch.records()) {
            try {
                orders.add(Json.MAPPER.readValue(record.data(), Order.class));
            } catch (Exception e) {
                deadLetters.write(APPLICATION, record, "not an order: " + e.getMessage());
            }
        }
        List<Order> fresh = dedupe.unseen(APPLICATION, orders, Order::orderId);
        Counter.builder("chief.dedupe.duplicates").tag("application", APPLICATION)
                .description("Records dropped as already processed").register(meters).increment(orders.size() - fresh.size());
        exchange.setProperty(KEYS, fresh.stream().map(Order::orderId).toList());
        exchange.setProperty(SHARD, ReplayShards.original(batch.shardId())); // a replayed order's job is its shard's
        exchange.getIn().setBody(fresh);
    }

    public void remember(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> keys = exchange.getProperty(KEYS, List.class);
        dedupe.remember(APPLICATION, keys);
    }

    public void deadLetter(Exchange exchange) throws Exception {
        Order order = exchange.getIn().getBody(Order.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        UserRecord record = new UserRecord("order", order.orderId(), order.orderId(), 0, null, Json.MAPPER.writeValueAsBytes(order));
        deadLetters.write(APPLICATION, record, cause == null ? "unroutable" : cause.getMessage());
    }
}
