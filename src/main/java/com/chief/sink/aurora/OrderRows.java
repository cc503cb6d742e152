package com.chief.sink.aurora;

import com.chief.model.Json;
import com.chief.model.Measurements;
import com.chief.model.Order;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Archived orders into {@code orders}: one row per order id, the first load wins (INSERT IGNORE). */
final class OrderRows implements TableRows {

    private static final String INSERT = "INSERT IGNORE INTO orders (order_id, channel, customer, gender, size, bust, weight,"
            + " hip, waist, material, design, store_id, zone, ordered_at, raw_json)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public LoadCounts write(Connection connection, StoredObject object, List<ArchiveLine> lines) throws SQLException {
        Map<String, Parsed> orders = new LinkedHashMap<>();
        int rejected = 0;
        int repeats = 0;
        for (ArchiveLine line : lines) {
            try {
                Order order = Json.MAPPER.readValue(line.text(), Order.class);
                if (order.orderId() == null || order.customer() == null || order.orderedAt() == null) {
                    throw new IllegalArgumentException("orderId, customer and orderedAt are required");
                }
                if (orders.putIfAbsent(order.orderId(), new Parsed(order, line.text())) != null) {
                    repeats++;
                }
            } catch (Exception e) {
                RejectedLines.write(connection, object, line, "not an order: " + e.getMessage());
                rejected++;
            }
        }
        Set<String> present = Sql.existing(connection, "orders", "order_id", orders.keySet());
        int inserted = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Parsed parsed : orders.values()) {
                if (present.contains(parsed.order.orderId())) {
                    continue;
                }
                bind(insert, parsed.order, parsed.json);
                insert.addBatch();
                inserted++;
            }
            insert.executeBatch();
        }
        return new LoadCounts(lines.size(), inserted, present.size() + repeats, rejected);
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

    private record Parsed(Order order, String json) {
    }
}
