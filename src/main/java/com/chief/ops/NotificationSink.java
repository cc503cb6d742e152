package com.chief.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The customer notifications, as Chief knows them: a {@code notification_sent} row per order and
 * final status, written the moment the channel accepted the message. That row is the
 * "notification record": without it Chief believes the customer was not told (and a repair tells
 * them, with the same Message-ID / Idempotency-Key). By own time: {@code sent_at}.
 */
final class NotificationSink implements ReconciledSink {

    private final SqlIds sql;

    NotificationSink(DataSource dataSource) {
        this.sql = new SqlIds(dataSource);
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public boolean holdsOrders() {
        return false;
    }

    @Override
    public Set<String> present(Set<String> orderIds, Set<String> finalIds) throws Exception {
        Set<String> present = new HashSet<>(sql.byOrderIds("SELECT order_id, status FROM notification_sent WHERE order_id IN",
                Reconciliation.orderIdsOf(finalIds)));
        present.retainAll(finalIds);
        return present;
    }

    @Override
    public Set<String> heldBetween(Instant from, Instant to) throws Exception {
        return sql.between("SELECT order_id, status FROM notification_sent WHERE sent_at >= ? AND sent_at < ?",
                Timestamp.from(from), Timestamp.from(to));
    }
}
