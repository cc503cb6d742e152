-- Consumer state: written in the SQL subset that H2 (MySQL mode), MariaDB and Aurora MySQL share.

-- Where each consuming application is in each shard. A checkpoint can sit inside a KPL aggregate,
-- hence the sub-sequence number.
CREATE TABLE kinesis_checkpoint (
    application     VARCHAR(100) NOT NULL,
    stream_name     VARCHAR(128) NOT NULL,
    shard_id        VARCHAR(128) NOT NULL,
    sequence_number VARCHAR(128) NOT NULL,
    sub_sequence    BIGINT       NOT NULL DEFAULT 0,
    updated_at      TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (application, stream_name, shard_id)
);

-- Dedupe keys per consuming application (batch INSERT IGNORE), expired by created_at.
CREATE TABLE processed_message (
    processor   VARCHAR(100) NOT NULL,
    message_id  VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (processor, message_id)
);
CREATE INDEX processed_message_created_at ON processed_message (created_at);
