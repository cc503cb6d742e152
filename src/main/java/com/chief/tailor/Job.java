package com.chief.tailor;

import com.chief.model.Order;
import java.time.Instant;

/** A robo-tailor job: one order on one robot of one factory, due within the 24-hour promise. */
public record Job(Order order, String factoryId, int robot, Instant receivedAt, Instant dueAt) {

    public String orderId() {
        return order.orderId();
    }

    public String robotId() {
        return "robot" + robot;
    }
}
