-- Customer notifications a channel has accepted: one row per order and final status, written right
-- after the channel took the message and checked before sending one, so a replayed batch (after a
-- crash mid-batch) never messages a customer twice.
CREATE TABLE notification_sent (
    order_id  VARCHAR(73) NOT NULL,
    status    VARCHAR(16) NOT NULL,
    sent_at   TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (order_id, status)
);

-- What the end-of-batch dedupe this replaces remembered (processed_message keys <orderId>:<status>).
INSERT INTO notification_sent (order_id, status, sent_at)
    SELECT SUBSTRING(message_id, 1, CHAR_LENGTH(message_id) - CHAR_LENGTH(':Completed')), 'Completed', created_at
    FROM processed_message WHERE processor = 'jobresult-notify' AND message_id LIKE '%:Completed';
INSERT INTO notification_sent (order_id, status, sent_at)
    SELECT SUBSTRING(message_id, 1, CHAR_LENGTH(message_id) - CHAR_LENGTH(':Failed')), 'Failed', created_at
    FROM processed_message WHERE processor = 'jobresult-notify' AND message_id LIKE '%:Failed';
