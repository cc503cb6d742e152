package com.chief.status;

import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.sink.notify.NotifyApplication;
import com.chief.sink.s3.ArchiveApplication;
import com.chief.sink.search.SearchApplication;
import com.chief.tailor.OrderFactoryApplication;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The pipeline as the status page draws it: lanes of steps, each step one or more stages side by
 * side, each stage with records in and out, its backlog and the age of its oldest unprocessed
 * record. Which meter feeds which figure, and what the figure is called, is decided here only; the
 * page draws whatever stages it is given. Figures are this instance's (counters start at 0 with it).
 */
public final class PipelineFlow {

    /** Where the flow starts: the drop folders and the streams they feed (names as configured). */
    public record Sources(Path ordersInbox, Path jobResultsInbox, String ordersStream, String jobResultsStream) {
    }

    /** A record waiting up to a minute is usual where work flows on (a buffering writer flushes by then). */
    private static final long USUAL_WAIT_MS = 60_000;
    /** The database load runs every 5 minutes (chief.aurora.cron): an object waits up to that long. */
    private static final long USUAL_LOAD_WAIT_MS = 6 * 60_000;

    /**
     * One box. {@code backlog}/{@code oldestMs} null: not measured for this stage; {@code usualWaitMs}:
     * beyond it the oldest wait is marked; {@code figures}: more numbers worth a glance (rejected,
     * dead letters, …), by label.
     */
    record Stage(String id, String name, String inLabel, long in, String outLabel, Long out, String backlogLabel,
            Long backlog, Long oldestMs, Long usualWaitMs, Map<String, Long> figures) {
    }

    private final MeterReadings meters;
    private final Sources sources;
    private final InboxBacklog ordersInbox;
    private final InboxBacklog jobResultsInbox;
    private final Clock clock;

    public PipelineFlow(MeterRegistry meters, Sources sources, Clock clock) {
        this.meters = new MeterReadings(meters);
        this.sources = sources;
        this.ordersInbox = new InboxBacklog(sources.ordersInbox());
        this.jobResultsInbox = new InboxBacklog(sources.jobResultsInbox());
        this.clock = clock;
    }

    ObjectNode json() {
        ObjectNode flow = Json.MAPPER.createObjectNode();
        ArrayNode lanes = flow.putArray("lanes");
        lane(lanes, "Orders",
                List.of(intake("intake-orders", "orders", ordersInbox)),
                List.of(stream(sources.ordersStream(), meters.counter("chief.intake.records", "inbox", "orders", "outcome", "produced")
                        + meters.counter("chief.intake.records", "inbox", "orders-s3", "outcome", "produced"))),
                List.of(application(OrderFactoryApplication.NAME, "jobs", meters.counter("chief.tailor.jobs", "status", "Pending")),
                        application(ArchiveApplication.ORDERS.application(), "archived",
                                meters.counter("chief.archive.records", "application", ArchiveApplication.ORDERS.application())),
                        application(SearchApplication.ORDERS.application(), "documents indexed", searchable(SearchApplication.ORDERS))));
        lane(lanes, "Job results",
                List.of(robots(), intake("intake-job-results", "job-results", jobResultsInbox)),
                List.of(stream(sources.jobResultsStream(), meters.counter("chief.tailor.jobs")
                        + meters.counter("chief.intake.records", "inbox", "job-results", "outcome", "produced")
                        + meters.counter("chief.intake.records", "inbox", "job-results-s3", "outcome", "produced"))),
                List.of(application(ArchiveApplication.JOB_RESULTS.application(), "archived",
                                meters.counter("chief.archive.records", "application", ArchiveApplication.JOB_RESULTS.application())),
                        application(SearchApplication.JOB_RESULTS.application(), "documents indexed", searchable(SearchApplication.JOB_RESULTS)),
                        application(NotifyApplication.NAME, "sent", meters.counter("chief.notifications", "outcome", "sent"))));
        lane(lanes, "Database", List.of(archive()), List.of(auroraLoad()));
        return flow;
    }

    @SafeVarargs
    private static void lane(ArrayNode lanes, String name, List<Stage>... steps) {
        ObjectNode lane = lanes.addObject().put("name", name);
        ArrayNode array = lane.putArray("steps");
        for (List<Stage> step : steps) {
            array.add(Json.MAPPER.valueToTree(step));
        }
    }

    /** Files → records: in read, out sent to Kinesis; the backlog is the files in the drop folder. */
    private Stage intake(String id, String inbox, InboxBacklog folder) {
        InboxBacklog.Waiting waiting = folder.waiting();
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("rejected", intakeRecords(inbox, "rejected"));
        figures.put("failed", intakeRecords(inbox, "failed"));
        figures.put("files done", meters.counter("chief.intake.files", "inbox", inbox, "outcome", "archived"));
        return new Stage(id, id, "records read", intakeRecords(inbox, "read"), "to Kinesis", intakeRecords(inbox, "produced"),
                "files waiting", waiting.files(), waiting.oldest().map(this::ageMillis).orElse(0L), USUAL_WAIT_MS, figures);
    }

    private long intakeRecords(String inbox, String outcome) {
        return meters.counter("chief.intake.records", "inbox", inbox, "outcome", outcome)
                + meters.counter("chief.intake.records", "inbox", inbox + "-s3", "outcome", outcome);
    }

    /** A stream holds records for every application; how far each has read is in the application's own box. */
    private Stage stream(String name, long put) {
        return new Stage("stream-" + name, name, "records put", put, null, null, null, null, null, null, Map.of());
    }

    /** In: records handed to the application; out: processed; backlog: not yet covered by a checkpoint. */
    private Stage application(String name, String sinkLabel, long sinkCount) {
        long backlog = meters.gaugeSum("chief.consumer.unprocessed.records", "application", name);
        OptionalDouble oldest = meters.gaugeMax("chief.consumer.unprocessed.age.ms", "application", name);
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put(sinkLabel, sinkCount);
        figures.put("retries", meters.counter("chief.consumer.retries", "application", name));
        figures.put("dead letters", meters.counter("chief.dead.letters", "application", name));
        figures.put("shards", meters.gaugeCount("chief.consumer.unprocessed.records", "application", name));
        return new Stage(name, name, "received", meters.counter("chief.consumer.received", "application", name),
                "processed", meters.counter("chief.consumer.records", "application", name), "not checkpointed", backlog,
                oldest.isPresent() ? Math.round(oldest.getAsDouble()) : null, USUAL_WAIT_MS, figures);
    }

    private long searchable(SearchApplication application) {
        return meters.counter("chief.search.items", "writer", application.application(), "outcome", "indexed");
    }

    /** Jobs in (Pending), finished out (Completed or Failed), the robots' load now as backlog. */
    private Stage robots() {
        long finished = Arrays.stream(JobStatus.values()).filter(JobStatus::isFinal)
                .mapToLong(status -> meters.counter("chief.tailor.jobs", "status", status.name())).sum();
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("failed", meters.counter("chief.tailor.jobs", "status", "Failed"));
        figures.put("SLA breaches", meters.counter("chief.tailor.sla.breaches"));
        figures.put("robots", meters.gaugeCount("chief.tailor.robot.load"));
        return new Stage("robo-tailors", "robo-tailors", "jobs", meters.counter("chief.tailor.jobs", "status", "Pending"),
                "finished", finished, "at the robots", meters.gaugeSum("chief.tailor.robot.load"), null, null, figures);
    }

    private Stage archive() {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("objects", meters.counter("chief.archive.objects"));
        return new Stage("s3-archive", "S3 archive", "records", meters.counter("chief.archive.records"), null, null, null, null,
                null, null, figures);
    }

    /** Objects loaded in, rows inserted out; the backlog and its age as the last run left them (it runs every few minutes). */
    private Stage auroraLoad() {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("last run: objects", meters.gaugeSum("chief.aurora.last.run.objects"));
        figures.put("last run: rows", meters.gaugeSum("chief.aurora.last.run.rows"));
        figures.put("runs", meters.timerCount("chief.aurora.load.duration"));
        figures.put("rows rejected", meters.counter("chief.aurora.rows", "result", "rejected"));
        figures.put("objects set aside", meters.counter("chief.aurora.objects.set.aside"));
        OptionalDouble lag = meters.gaugeMax("chief.aurora.lag.seconds");
        return new Stage("aurora-load", "aurora-load", "objects loaded", meters.counter("chief.aurora.objects.loaded"),
                "rows inserted", meters.counter("chief.aurora.rows", "result", "inserted"), "objects left",
                meters.gaugeSum("chief.aurora.pending.objects"), lag.isPresent() ? Math.round(lag.getAsDouble() * 1000) : null,
                USUAL_LOAD_WAIT_MS, figures);
    }

    private long ageMillis(Instant arrival) {
        return Math.max(0, Duration.between(arrival, clock.instant()).toMillis());
    }
}
