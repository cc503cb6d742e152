-- The final, de-duplicated store, loaded from the S3 archive (sink/aurora). Times are UTC DATETIMEs.

-- One row per order: its fields as columns plus the archived JSON.
CREATE TABLE orders (
    order_id    VARCHAR(73)   NOT NULL,
    channel     VARCHAR(16),
    customer    VARCHAR(254)  NOT NULL,
    gender      VARCHAR(8),
    size        VARCHAR(16),
    bust        DECIMAL(6, 1),
    weight      DECIMAL(6, 1),
    hip         DECIMAL(6, 1),
    waist       DECIMAL(6, 1),
    material    VARCHAR(64),
    design      VARCHAR(64),
    store_id    VARCHAR(64),
    zone        VARCHAR(32),
    ordered_at  DATETIME(3)   NOT NULL,
    raw_json    TEXT          NOT NULL,
    loaded_at   TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (order_id)
);
CREATE INDEX orders_customer ON orders (customer);
CREATE INDEX orders_ordered_at ON orders (ordered_at);
CREATE INDEX orders_store ON orders (store_id, ordered_at);

-- Every job status event, once per order, status and time.
CREATE TABLE job_result_events (
    order_id    VARCHAR(73)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    event_at    DATETIME(3)   NOT NULL,
    customer    VARCHAR(254),
    factory_id  VARCHAR(32),
    robot_id    VARCHAR(32),
    reason      VARCHAR(500),
    raw_json    TEXT          NOT NULL,
    PRIMARY KEY (order_id, status, event_at)
);
CREATE INDEX job_result_events_robot ON job_result_events (factory_id, robot_id, event_at);
CREATE INDEX job_result_events_status ON job_result_events (status, event_at);

-- The current status per order; status_rank only grows (Pending 1, InProgress 2, Completed/Failed 3).
CREATE TABLE order_status (
    order_id    VARCHAR(73)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    status_rank INT           NOT NULL,
    factory_id  VARCHAR(32),
    robot_id    VARCHAR(32),
    updated_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (order_id)
);
CREATE INDEX order_status_status ON order_status (status, updated_at);
CREATE INDEX order_status_robot ON order_status (factory_id, robot_id);

-- Each archive object loaded: a new ETag (re-uploaded content) is a new row, so it loads again.
CREATE TABLE load_manifest (
    object_key    VARCHAR(512)  NOT NULL,
    etag          VARCHAR(128)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    rows_read     INT           NOT NULL,
    rows_inserted INT           NOT NULL,
    rows_present  INT           NOT NULL,
    rows_rejected INT           NOT NULL,
    loaded_at     TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (object_key, etag)
);

-- Archive lines that could not be loaded, with the reason.
CREATE TABLE load_rejected_line (
    object_key   VARCHAR(512)  NOT NULL,
    etag         VARCHAR(128)  NOT NULL,
    line_number  INT           NOT NULL,
    reason       VARCHAR(500)  NOT NULL,
    raw_line     TEXT          NOT NULL,
    rejected_at  TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (object_key, etag, line_number)
);

-- One row per lease: the instance that runs the load now, until when (renewed while it runs).
CREATE TABLE load_lease (
    name         VARCHAR(64)   NOT NULL,
    owner        VARCHAR(128)  NOT NULL,
    leased_until TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (name)
);
INSERT INTO load_lease (name, owner, leased_until) VALUES ('aurora-load', 'nobody', CURRENT_TIMESTAMP);

-- Aurora's LOAD DATA FROM S3 mode: an object's lines land here first, then go into the tables above.
CREATE TABLE load_staging (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    object_key  VARCHAR(512)  NOT NULL,
    raw_json    TEXT          NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX load_staging_object ON load_staging (object_key);
