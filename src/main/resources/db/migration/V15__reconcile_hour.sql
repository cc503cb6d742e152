-- What continuous reconciliation last found per arrival hour of the archive (ops/Reconciliation): the
-- digest of the hour's listing (keys and ETags of both prefixes) and whether every sink held all of it.
-- A scheduled run skips an hour whose listing is unchanged and that was clean, so its cost follows what is new.
CREATE TABLE reconcile_hour (
    hour_start      DATETIME      NOT NULL,
    listing_digest  VARCHAR(64)   NOT NULL,
    objects         INT           NOT NULL,
    orders          INT           NOT NULL,
    final_statuses  INT           NOT NULL,
    clean           BOOLEAN       NOT NULL,
    checked_at      TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (hour_start)
);
