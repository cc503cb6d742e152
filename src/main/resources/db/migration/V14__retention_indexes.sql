-- Retention (retention/RetentionTables): each purge finds its rows by age. Without an index on the age
-- column a batch's SELECT would scan the whole table; with one it reads only the rows it deletes.
-- (processed_message and job_result_outbox have theirs already.)
CREATE INDEX tailor_job_status_updated ON tailor_job (status, updated_at);
CREATE INDEX notification_sent_sent_at ON notification_sent (sent_at);
CREATE INDEX order_final_status_claimed_at ON order_final_status (claimed_at);
CREATE INDEX load_manifest_loaded_at ON load_manifest (loaded_at);
CREATE INDEX load_rejected_line_rejected_at ON load_rejected_line (rejected_at);
CREATE INDEX intake_file_lock_created ON intake_file_lock (createdAt);
