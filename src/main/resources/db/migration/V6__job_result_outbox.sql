-- The transactional outbox of job results: one intent per job and status, written in the same
-- transaction as the tailor_job change it announces, and marked acknowledged once Kinesis has
-- accepted it. Unacknowledged intents are sent again (after a failed send, after a restart), so a
-- status change is never lost; consumers de-duplicate job results by order and status.
CREATE TABLE job_result_outbox (
    order_id         VARCHAR(73)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    reason           VARCHAR(500),
    occurred_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    acknowledged_at  TIMESTAMP    NULL,
    PRIMARY KEY (order_id, status)
);
CREATE INDEX job_result_outbox_acknowledged ON job_result_outbox (acknowledged_at);

-- Jobs unfinished at the upgrade: their current status may never have been announced (the old
-- code re-announced it at every start); announce it once more.
INSERT INTO job_result_outbox (order_id, status, reason, occurred_at)
    SELECT order_id, status, reason, updated_at FROM tailor_job WHERE status IN ('Pending', 'InProgress');
