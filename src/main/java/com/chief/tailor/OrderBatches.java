package com.chief.tailor;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.RecordBatch;
import com.chief.consume.ReplayShards;
import com.chief.consume.UserRecord;
import com.chief.model.Json;
import com.chief.model.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The order-factory application's batch steps: parse the batch's orders (a record that is not an
 * order is dead-lettered), drop the ones already processed, group them by zone, have each zone's
 * factory make its group ({@link #make}, one exchange per zone and batch, not one per order), and
 * after the batch went through, remember its order ids. The batch's shard goes with its orders
 * ({@link #SHARD}), recorded with their jobs.
 */
public final class OrderBatches {

    private static final String APPLICATION = OrderFactoryApplication.NAME;
    private static final String KEYS = "chiefDedupeKeys";
    /** Exchange property: the orders-stream shard the orders came from. */
    static final String SHARD = "chiefShardId";
    /** Exchange properties set by a robo-factory route: its factory id and robot count. */
    static final String FACTORY = "chiefFactoryId";
    static final String ROBOTS = "chiefRobots";

    /** The orders of one zone in a batch, in their order. */
    public record ZoneOrders(String zone, List<Order> orders) {
    }

    private final BatchDeduplicator dedupe;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Workshop workshop;

    OrderBatches(BatchDeduplicator dedupe, DeadLetters deadLetters, MeterRegistry meters, Workshop workshop) {
        this.dedupe = dedupe;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.workshop = workshop;
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
        List<Order> fresh = dedupe.unseen(APPLICATION, orders, DedupeKeys::order);
        Counter.builder("chief.dedupe.duplicates").tag("application", APPLICATION)
                .description("Records dropped as already processed").register(meters).increment(orders.size() - fresh.size());
        exchange.setProperty(KEYS, fresh.stream().map(DedupeKeys::order).toList());
        exchange.setProperty(SHARD, ReplayShards.original(batch.shardId())); // a replayed order's job is its shard's
        exchange.getIn().setBody(fresh);
    }

    public void remember(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> keys = exchange.getProperty(KEYS, List.class);
        dedupe.remember(APPLICATION, keys);
    }

    /** Body: the fresh orders in, one {@link ZoneOrders} per zone out (zones in order of first appearance). */
    public void byZone(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Order> orders = exchange.getIn().getBody(List.class);
        Map<String, List<Order>> zones = new LinkedHashMap<>();
        for (Order order : orders) {
            zones.computeIfAbsent(order.zone(), zone -> new ArrayList<>()).add(order);
        }
        exchange.getIn().setBody(zones.entrySet().stream().map(zone -> new ZoneOrders(zone.getKey(), zone.getValue())).toList());
    }

    /**
     * A robo-factory route's step. Body: one zone's orders, made by the factory named in the exchange's
     * properties; an order no robot of the factory can sew is dead-lettered, any other failure fails the batch.
     */
    public void make(Exchange exchange) throws Exception {
        ZoneOrders zone = exchange.getIn().getBody(ZoneOrders.class);
        String shard = exchange.getProperty(SHARD, String.class);
        String factory = exchange.getProperty(FACTORY, String.class);
        int robots = Integer.parseInt(exchange.getProperty(ROBOTS, String.class).strip());
        for (Map.Entry<Order, UnroutableOrderException> unroutable : workshop.accept(zone.orders(), shard, factory, robots)) {
            deadLetter(unroutable.getKey(), unroutable.getValue());
        }
    }

    private void deadLetter(Order order, Exception cause) throws Exception {
        UserRecord record = new UserRecord("order", order.orderId(), order.orderId(), 0, null, Json.MAPPER.writeValueAsBytes(order));
        deadLetters.write(APPLICATION, record, cause.getMessage());
    }
}
