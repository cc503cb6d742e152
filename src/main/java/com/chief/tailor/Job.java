package com.chief.tailor;

import com.chief.model.Order;
import com.chief.model.RobotId;
import java.time.Instant;

/**
 * A robo-tailor job: one order on one robot of one factory, due within the 24-hour promise.
 * {@code shardId}: the orders-stream shard the order came from, so the instance reading that shard
 * takes the job up after a crash (null for jobs recorded before shards were, or not from a shard).
 */
public record Job(Order order, String shardId, String factoryId, int robot, Instant receivedAt, Instant dueAt) {

    /** One job per order (the key of {@code tailor_job}), so the order id names the job, also at the robot. */
    public String id() {
        return order.orderId();
    }

    public String orderId() {
        return order.orderId();
    }

    public String robotId() {
        return RobotId.of(robot);
    }
}
