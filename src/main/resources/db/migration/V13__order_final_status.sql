-- The final status (Completed or Failed) that stands for each order: the first one the job-result
-- consumers (jobresult-archive, -search, -notify) met in the stream, claimed with INSERT IGNORE, so a
-- later, different final status (a robot re-run after a crash, an external factory's file) is set aside
-- by all of them alike, also after a restart. Kept, like notification_sent.
CREATE TABLE order_final_status (
    order_id    VARCHAR(73)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    claimed_at  TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (order_id)
);

-- What customers were already told stands (orders told both before this rule are left unclaimed).
INSERT INTO order_final_status (order_id, status)
    SELECT order_id, MIN(status) FROM notification_sent GROUP BY order_id HAVING COUNT(*) = 1;
