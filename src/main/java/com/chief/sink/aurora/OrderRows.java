package com.chief.sink.aurora;

import com.chief.model.Measurements;
import com.chief.model.Order;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/** Archived orders into {@code orders}: one row per order id, the first load wins (INSERT IGNORE). */
final class OrderRows implements TableRows {

    private static final String INSERT = "INSERT IGNORE INTO orders (order_id, channel, customer, gender, size, bust, weight,"
            + " hip, waist, material, design, store_id, zone, ordered_at, raw_json)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public LoadCounts write(Connection connection, StoredObject object, List<ArchiveLine> lines) throws SQLException {
        ParsedLines<Order> orders = ParsedLines.read(connection, object, lines, Order.class, OrderRows::key, "an order");
        Set<String> present = Sql.existing(connection, "orders", "order_id", orders.unique.keySet());
        int inserted = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ParsedLines.Line<Order> parsed : orders.unique.values()) {
                if (present.contains(parsed.value().orderId())) {
                    continue;
                }
                bind(insert, parsed.value(), parsed.json());
                insert.addBatch();
                inserted++;
            }
            insert.executeBatch();
        }
        return new LoadCounts(lines.size(), inserted, present.size() + orders.repeats, orders.rejected);
    }

    private static String key(Order order) {
        if (order.orderId() == null || order.customer() == null || order.orderedAt() == null) {
            throw new IllegalArgumentException("orderId, customer and orderedAt are required");
        }
        return order.orderId();
    }

    private static void bind(PreparedStatement insert, Order order, String json) throws SQLException {
        Measurements m = order.measurements();
        insert.setString(1, order.orderId());
        insert.setString(2, order.channel() == null ? null : order.channel().name());
        insert.setString(3, order.customer());
        insert.setString(4, order.gender());
        insert.setString(5, order.size());
        decimal(insert, 6, m == null ? null : m.bust());
        decimal(insert, 7, m == null ? null : m.weight());
        decimal(insert, 8, m == null ? null : m.hip());
        decimal(insert, 9, m == null ? null : m.waist());
        insert.setString(10, order.material());
        insert.setString(11, order.design());
        insert.setString(12, order.storeId());
        insert.setString(13, order.zone());
        insert.setObject(14, Sql.utc(order.orderedAt()));
        insert.setString(15, json);
    }

    private static void decimal(PreparedStatement insert, int index, Double value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.DECIMAL);
        } else {
            insert.setBigDecimal(index, BigDecimal.valueOf(value));
        }
    }
}
