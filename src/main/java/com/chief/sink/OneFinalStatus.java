package com.chief.sink;

import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.UserRecord;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in front of a job-result application's handler so that an order has one final status
 * everywhere: the first one recorded ({@link FinalStatuses}) passes; a record with another final
 * status contradicts it and never reaches the handler (not archived, indexed or sent). It is
 * dead-lettered at once with the reason (the dead letter logs a WARN naming the order) and counted
 * in {@code chief.job.results.contradicting}. A contradiction is the record's answer, not a failure:
 * nothing is retried or split, and the rest of the batch goes on.
 */
public final class OneFinalStatus implements BatchHandler {

    private final String application;
    private final BatchHandler handler;
    private final FinalStatuses finalStatuses;
    private final DeadLetters deadLetters;
    private final Counter contradicting;
    /** Shards whose records the handler holds unwritten (a buffering archive): their checkpoint is the handler's. */
    private final Set<String> holding = ConcurrentHashMap.newKeySet();

    private OneFinalStatus(String application, BatchHandler handler, FinalStatuses finalStatuses, DeadLetters deadLetters,
            MeterRegistry meters) {
        this.application = application;
        this.handler = handler;
        this.finalStatuses = finalStatuses;
        this.deadLetters = deadLetters;
        this.contradicting = Counter.builder("chief.job.results.contradicting").tag("application", application)
                .description("Job results set aside: a final status other than the order's first").register(meters);
    }

    /** The application with its handler guarded if it reads job results; any other as it is. */
    public static ConsumingApplication guard(ConsumingApplication application, FinalStatuses finalStatuses,
            DeadLetters deadLetters, MeterRegistry meters) {
        if (application.stream() != ConsumedStream.JOB_RESULTS) {
            return application;
        }
        return new ConsumingApplication(application.name(), application.stream(),
                new OneFinalStatus(application.name(), application.handler(), finalStatuses, deadLetters, meters));
    }

    @Override
    public Checkpoint handle(RecordBatch batch) throws Exception {
        List<JobResult> finals = new ArrayList<>(); // per record: its final status, or null
        Map<String, JobStatus> first = new LinkedHashMap<>();
        for (UserRecord record : batch.records()) {
            JobResult result = finalStatusOf(record);
            finals.add(result);
            if (result != null) {
                first.putIfAbsent(result.orderId(), result.status());
            }
        }
        Map<String, JobStatus> standing = finalStatuses.claim(first);
        List<UserRecord> passing = new ArrayList<>();
        for (int i = 0; i < finals.size(); i++) {
            JobResult result = finals.get(i);
            if (!contradicts(result, standing)) {
                passing.add(batch.records().get(i));
            }
        }
        Checkpoint safe = null;
        if (!passing.isEmpty()) {
            RecordBatch passed = new RecordBatch(batch.application(), batch.stream(), batch.shardId(), passing);
            safe = handler.handle(passed);
            if (passed.last().equals(safe)) {
                holding.remove(batch.shardId());
            } else {
                holding.add(batch.shardId());
            }
        }
        for (int i = 0; i < finals.size(); i++) {
            JobResult result = finals.get(i);
            if (contradicts(result, standing)) {
                deadLetters.write(application, batch.records().get(i), "order " + result.orderId() + ": final status "
                        + result.status() + " set aside, it contradicts " + standing.get(result.orderId())
                        + ", the first final status recorded for the order, which stands");
                contradicting.increment();
            }
        }
        // when the handler holds nothing of the shard, the records set aside after its last one are done too
        return holding.contains(batch.shardId()) ? safe : batch.last();
    }

    @Override
    public Checkpoint idle(String shardId) throws Exception {
        return written(shardId, handler.idle(shardId));
    }

    @Override
    public void take(String shardId) throws Exception {
        handler.take(shardId);
    }

    @Override
    public void release(String shardId) {
        holding.remove(shardId);
        handler.release(shardId);
    }

    @Override
    public Checkpoint endOfShard(String shardId) throws Exception {
        return written(shardId, handler.endOfShard(shardId));
    }

    /** A checkpoint from a flush covers everything the handler was given: it holds nothing now. */
    private Checkpoint written(String shardId, Checkpoint flushed) {
        if (flushed != null) {
            holding.remove(shardId);
        }
        return flushed;
    }

    private static boolean contradicts(JobResult finalStatus, Map<String, JobStatus> standing) {
        return finalStatus != null && finalStatus.status() != standing.get(finalStatus.orderId());
    }

    /** The record's job result if it carries an order's final status; null for anything else. */
    private static JobResult finalStatusOf(UserRecord record) {
        try {
            JobResult result = Json.MAPPER.readValue(record.data(), JobResult.class);
            return result.orderId() != null && result.status() != null && result.status().isFinal() ? result : null;
        } catch (Exception notAJobResult) {
            return null; // the handler deals with it as it does today
        }
    }
}
