package com.chief.retention;

import com.chief.config.ChiefSettings;
import com.chief.model.JobStatus;
import java.util.List;

/**
 * The one place that says which rows of each growing table are finished and may go once older than
 * their retention. Rows of unfinished work never go: unacknowledged outbox intents, jobs still Pending
 * or InProgress (or whose last intent Kinesis has not acknowledged), archive objects set aside. The
 * idempotence records (dedupe ids, jobs, notifications sent, final statuses) are kept at least as long
 * as a record may come back ({@code ChiefSettings.Retention} refuses anything shorter).
 */
public final class RetentionTables {

    private RetentionTables() {
    }

    public static List<TableRetention> of(ChiefSettings.Retention retention) {
        return List.of(
                // dedupe ids of the consuming applications: a repeat older than this is processed again
                new TableRetention("processed_message", List.of("processor", "message_id"), "created_at < ?",
                        retention.dedupe()),
                // intents Kinesis acknowledged; a job still running may record an intent again (INSERT IGNORE
                // against its earlier ones), so those of unfinished jobs stay
                new TableRetention("job_result_outbox", List.of("order_id", "status"), "acknowledged_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM tailor_job j WHERE j.order_id = job_result_outbox.order_id"
                        + " AND " + JobStatus.unfinishedSql("j.status") + ")", retention.outbox()),
                // a finished job whose every intent was acknowledged (the relay joins intents to their job)
                new TableRetention("tailor_job", List.of("order_id"), JobStatus.finalSql("status") + " AND updated_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM job_result_outbox o WHERE o.order_id = tailor_job.order_id"
                        + " AND o.acknowledged_at IS NULL)", retention.jobs()),
                new TableRetention("notification_sent", List.of("order_id", "status"), "sent_at < ?", retention.notifications()),
                new TableRetention("order_final_status", List.of("order_id"), "claimed_at < ?", retention.finalStatuses()),
                // loaded objects only (a set-aside row says why an object is not loaded, and an operator deletes it
                // to retry); a key with a set-aside version keeps its loaded rows, or the loader would fetch it again
                new TableRetention("load_manifest", "load_manifest", List.of("object_key", "etag"),
                        "load_error IS NULL AND loaded_at < ?",
                        "NOT EXISTS (SELECT 1 FROM load_manifest e WHERE e.object_key = load_manifest.object_key"
                                + " AND e.load_error IS NOT NULL)", retention.loadManifest()),
                new TableRetention("load_rejected_line", List.of("object_key", "etag", "line_number"), "rejected_at < ?",
                        retention.loadRejectedLines()),
                // a lock row its reader renews every few seconds: one this old belongs to an instance long gone
                new TableRetention("intake_file_lock", List.of("processorName", "messageId"), "createdAt < ?",
                        retention.intakeLocks()));
    }
}
