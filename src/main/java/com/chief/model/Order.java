package com.chief.model;

import java.time.Instant;

/**
 * A validated order as it travels on {@code OrdersStream}. {@code size} is set for online orders,
 * {@code measurements} for store orders. {@code zoneAssigned} marks an order whose input named
 * neither store nor zone (the 2017 online format), placed in a zone by its order id.
 */
public record Order(
        String orderId,
        Channel channel,
        String customer,
        String gender,
        String size,
        Measurements measurements,
        String material,
        String design,
        String storeId,
        String zone,
        Boolean zoneAssigned,
        Instant orderedAt) {
}
