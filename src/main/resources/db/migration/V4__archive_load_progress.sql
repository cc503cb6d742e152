-- Where the archive load has got to, so that each run lists only what is new (sink/aurora).

-- Per archive prefix (orders, job-results): the arrival hour the next run lists from (S3 startAfter).
CREATE TABLE load_watermark (
    archive_prefix VARCHAR(64)   NOT NULL,
    next_hour      DATETIME      NOT NULL,
    updated_at     TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (archive_prefix)
);

-- Hours that received an object after the loader's listing had passed them (an archive consumer
-- catching up after an outage): the loader lists each once more. registrations counts up per object.
CREATE TABLE archive_late_hour (
    hour_prefix    VARCHAR(256)  NOT NULL,
    registrations  BIGINT        NOT NULL,
    PRIMARY KEY (hour_prefix)
);
