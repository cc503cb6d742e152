-- Which Chief instance is reading which inbox file (intake/IntakeFileLocks, Camel's idempotent read lock),
-- so that instances watching one shared inbox read each file once. Column names are the ones Camel's
-- JdbcOrphanLockAwareIdempotentRepository queries. A row lives while its file is read: the holder renews
-- created_at every few seconds and deletes the row when it is done; a row not renewed for longer than
-- chief.intake.lock-expiry-ms belongs to an instance that died, and another instance takes the file over.
CREATE TABLE intake_file_lock (
    processorName  VARCHAR(64)   NOT NULL,
    messageId      VARCHAR(255)  NOT NULL,
    createdAt      DATETIME(3)   NOT NULL,
    owner          VARCHAR(64)   NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
