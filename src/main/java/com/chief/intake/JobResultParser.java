package com.chief.intake;

import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.chief.model.RobotId;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.Arrays;

/** Turns a job-result record (2017 format: userId, orderId, factoryId, robotId, jobStatus, timestamp) into a {@link JobResult}. */
public final class JobResultParser implements RecordParser {

    /** The database's reason column. */
    private static final int MAX_REASON = 500;

    private final ReferenceData reference;
    private final Clock clock;

    public JobResultParser(ReferenceData reference, Clock clock) {
        this.reference = reference;
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
        String factory = fields.requiredText("factoryId");
        ReferenceData.Zone zone = reference.zones().values().stream()
                .filter(z -> z.factory().equalsIgnoreCase(factory)).findFirst()
                .orElseThrow(() -> new InvalidRecordException(RejectReason.UNKNOWN_FACTORY, "factory '" + Fields.abbreviate(factory)
                        + "' (known: " + reference.zones().values().stream().map(ReferenceData.Zone::factory).toList() + ")"));
        String robot = fields.requiredText("robotId");
        if (!RobotId.isWellFormed(robot) || RobotId.number(robot) > zone.robots()) {
            throw new InvalidRecordException(RejectReason.UNKNOWN_ROBOT, "robot '" + Fields.abbreviate(robot) + "' of "
                    + zone.factory() + " (" + RobotId.of(1) + "-" + RobotId.of(zone.robots()) + ")");
        }
        String statusText = fields.requiredText("jobStatus", "status");
        JobStatus status = JobStatus.parse(statusText).orElseThrow(() -> new InvalidRecordException(RejectReason.UNKNOWN_STATUS,
                "'" + Fields.abbreviate(statusText) + "' (known: " + Arrays.toString(JobStatus.values()) + ")"));
        String reason = fields.optionalText("reason").map(text -> Fields.limit("reason", text, MAX_REASON)).orElse(null);
        return new JobResult(orderId, customer, zone.factory(), robot, status, reason, fields.timestamp(clock, "timestamp", "activityTimestamp"));
    }
}
