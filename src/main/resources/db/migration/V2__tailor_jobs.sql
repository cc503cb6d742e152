-- Robo-tailor jobs: one per order, so jobs in flight survive a restart and a replayed order is
-- recognised. The status only moves forward (Pending -> InProgress -> Completed | Failed).
CREATE TABLE tailor_job (
    order_id     VARCHAR(73)  NOT NULL,
    customer     VARCHAR(254) NOT NULL,
    factory_id   VARCHAR(32)  NOT NULL,
    robot_id     VARCHAR(32)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    reason       VARCHAR(500),
    order_json   TEXT         NOT NULL,
    received_at  TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    due_at       TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (order_id)
);
CREATE INDEX tailor_job_status ON tailor_job (status);
CREATE INDEX tailor_job_factory_robot ON tailor_job (factory_id, robot_id);
