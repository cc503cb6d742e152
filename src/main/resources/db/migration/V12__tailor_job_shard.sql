-- The orders-stream shard each job's order came from: a job belongs to the instance reading that
-- shard, which takes it up when it starts reading the shard (after a crash, a lease hand-over).
-- Jobs recorded before this column have none (NULL) and are taken up at start, as before.
ALTER TABLE tailor_job ADD COLUMN shard_id VARCHAR(128) NULL;
CREATE INDEX tailor_job_shard_status ON tailor_job (shard_id, status);
