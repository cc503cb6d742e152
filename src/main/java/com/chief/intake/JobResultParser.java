package com.chief.intake;

import com.chief.model.Factories;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.model.RobotId;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.Arrays;

/** Turns a job-result record (2017 format: userId, orderId, factoryId, robotId, jobStatus, timestamp) into a {@link JobResult}. */
public final class JobResultParser implements RecordParser {

    /** The database's reason column. */
    private static final int MAX_REASON = 500;

    private final Factories factories;
    private final Clock clock;

    /** {@code factories}: a result names one of them and one of its robots. */
    public JobResultParser(Factories factories, Clock clock) {
        this.factories = factories;
        this.clock = clock;
    }

    @Override
    public ParsedRecord parse(RawRecord raw) {
        try {
            JobResult result = jobResult(raw);
            // keyed by order: every event of one order lands on one shard, in order
            return new ParsedRecord.Accepted(result.orderId(), Json.MAPPER.writeValueAsBytes(result));
        } catch (InvalidRecordException e) {
            return e.toRejected();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a job result", e);
        }
    }

    private JobResult jobResult(RawRecord raw) {
        Fields fields = Fields.of(raw);
        String orderId = fields.id("orderId").orElseThrow(() -> new InvalidRecordException(RejectReason.MISSING_FIELD, "'orderId'"));
        String customer = fields.email("userId", "userid", "email", "customer");
        String factoryText = fields.requiredText("factoryId");
        Factories.Factory factory = factories.find(factoryText).orElseThrow(() -> new InvalidRecordException(
                RejectReason.UNKNOWN_FACTORY, "factory '" + Fields.abbreviate(factoryText) + "' (known: " + factories.ids() + ")"));
        String robot = fields.requiredText("robotId");
        if (!RobotId.isWellFormed(robot) || RobotId.number(robot) > factory.robots()) {
            throw new InvalidRecordException(RejectReason.UNKNOWN_ROBOT, "robot '" + Fields.abbreviate(robot) + "' of "
                    + factory.id() + " (" + RobotId.of(1) + "-" + RobotId.of(factory.robots()) + ")");
        }
        String statusText = fields.requiredText("jobStatus", "status");
        JobStatus status = JobStatus.parse(statusText).orElseThrow(() -> new InvalidRecordException(RejectReason.UNKNOWN_STATUS,
                "'" + Fields.abbreviate(statusText) + "' (known: " + Arrays.toString(JobStatus.values()) + ")"));
        String reason = fields.optionalText("reason").map(text -> Fields.limit("reason", text, MAX_REASON)).orElse(null);
        return new JobResult(orderId, customer, factory.id(), robot, status, reason, fields.timestamp(clock, "timestamp", "activityTimestamp"));
    }
}
