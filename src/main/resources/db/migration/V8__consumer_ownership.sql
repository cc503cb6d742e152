-- Which instance runs each consuming application of the polling engine. The polling engine keeps
-- its checkpoints in kinesis_checkpoint with no shard leases, so two instances running one
-- application would both process every record: an instance takes the row (or one whose heartbeat
-- is stale), renews heartbeat_at while it runs, and deletes it when it stops. Times are the
-- database's own clock (CURRENT_TIMESTAMP), so instances' clocks need not agree.
-- DATETIME, not TIMESTAMP: MariaDB would add ON UPDATE CURRENT_TIMESTAMP to a TIMESTAMP column.
CREATE TABLE consumer_ownership (
    application   VARCHAR(100) NOT NULL,
    instance_id   VARCHAR(200) NOT NULL,
    acquired_at   DATETIME(3)  NOT NULL,
    heartbeat_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (application)
);
