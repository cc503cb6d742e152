package com.chief.tailor;

import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.model.SafeFileNames;
import com.chief.model.Order;
import com.chief.model.ReferenceData;
import com.chief.model.RobotId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The factories' floor: takes an order for a factory, picks the least-loaded robot that can sew
 * it, records the job and hands it to a {@link RoboTailor}. Every status change (Pending first) is
 * recorded with the intent to announce it on {@code JobResultsStream} in one transaction (the robots'
 * reports a group per transaction, by one writer at a time, {@link GroupedWrites}), and the
 * {@link JobResultRelay} sends it until Kinesis acknowledges it, so no status is lost to a failed
 * send or a crash. A job belongs to the instance reading its order's shard: that instance takes up
 * the shard's unfinished jobs when it starts reading the shard ({@link #resumeShard}), jobs recorded
 * without a shard at start. Taking up a job asks the robot first ({@link RoboTailor#state}): only a
 * job it does not know is started, one it is running is watched, one it has finished is recorded,
 * so no job runs twice. A job not Completed within the (speed-scaled) 24-hour promise raises an
 * SLA breach.
 */
public final class Workshop extends ServiceSupport implements RoboTailor.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Workshop.class);
    private static final Duration STATUS_RETRY = Duration.ofSeconds(10);
    /** Status changes recorded in one transaction at most. */
    private static final int STATUS_GROUP = 500;
    /** How often a job the robot was already running when it was taken up is asked after. */
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    private final ReferenceData reference;
    private final JobStore jobs;
    private final RoboTailor tailor;
    private final JobResultRelay relay;
    private final Duration promise;
    private final int maxJobsInFlight;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final Path operationsOutbox;
    private final Map<String, AtomicInteger> load = new ConcurrentHashMap<>();
    /** Unfinished jobs taken up in this run, so a replayed order or shard neither strands a job nor takes it up twice. */
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    /** The promise watch of each job taken up in this run, until it runs or the job completes. */
    private final Map<String, ScheduledFuture<?>> promises = new ConcurrentHashMap<>();
    /** Status changes, written a group per transaction by one writer at a time. */
    private final GroupedWrites<StatusChange> statusWrites;
    /** Signalled when a job finishes, for orders waiting for room on the floor. */
    private final Object room = new Object();

    /**
     * {@code maxJobsInFlight}: jobs queued or running on the robots at most; an order beyond it waits in
     * {@link #accept} (and its shard reader with it) until one finishes, so a backlog stays in Kinesis,
     * on disk, instead of in this JVM's heap as queued robot work.
     */
    public Workshop(ReferenceData reference, JobStore jobs, RoboTailor tailor, JobResultRelay relay, Duration promise,
            int maxJobsInFlight, ScheduledExecutorService scheduler, MeterRegistry meters, Path operationsOutbox) {
        this.reference = reference;
        this.jobs = jobs;
        this.tailor = tailor;
        this.relay = relay;
        this.promise = promise;
        this.maxJobsInFlight = maxJobsInFlight;
        this.scheduler = scheduler;
        this.meters = meters;
        this.operationsOutbox = operationsOutbox;
        this.statusWrites = new GroupedWrites<>(scheduler, STATUS_GROUP, this::writeStatuses, this::statusesNotWritten);
    }

    /** A robot's report with the job it is about. */
    private record StatusChange(Job job, JobResult result) {
    }

    @Override
    protected void doStart() throws Exception {
        resumeShard(null); // jobs recorded before they had a shard: no shard's reader takes them up
        relay.start();
    }

    /**
     * This instance starts reading the orders-stream shard (null: the jobs recorded without one): takes
     * up the shard's unfinished jobs, which an earlier run or another instance left.
     */
    public void resumeShard(String shardId) throws Exception {
        int resumed = takeUp(jobs.unfinishedOfShard(shardId)).size();
        if (resumed > 0) {
            LOG.info("Took up {} unfinished robo-tailor jobs of {}", resumed, shardId == null ? "no shard" : shardId);
        }
    }

    @Override
    protected void doStop() {
        statusWrites.flush(); // the robots' last reports, so the next run need not take those jobs up again
        relay.stop();
    }

    /**
     * One zone's orders of a batch, from the orders-stream shard {@code shardId}, for one factory (from the
     * factory route). Returns once their jobs and Pending announcements are recorded, a group per
     * transaction; sending them is the relay's business, so a Kinesis outage neither fails the batch nor
     * strands a job. Returns the orders no robot of the factory can sew, each with the reason; they get no job.
     */
    public List<Map.Entry<Order, UnroutableOrderException>> accept(List<Order> orders, String shardId, String factoryId, int robots)
            throws Exception {
        List<Map.Entry<Order, UnroutableOrderException>> unroutable = new ArrayList<>();
        int next = 0;
        while (next < orders.size()) {
            int room = awaitRoom();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as stored, so every send of a result is the same
            List<Job> group = new ArrayList<>();
            try {
                for (; next < orders.size() && group.size() < room; next++) {
                    Order order = orders.get(next);
                    try {
                        int robot = pickRobot(order, factoryId, robots);
                        robotLoad(factoryId, robot).incrementAndGet(); // the next order of the group sees it taken
                        group.add(new Job(order, shardId, factoryId, robot, now, now.plus(promise)));
                    } catch (UnroutableOrderException e) {
                        unroutable.add(Map.entry(order, e));
                    }
                }
                create(group);
            } finally {
                group.forEach(job -> robotLoad(job.factoryId(), job.robot()).decrementAndGet()); // track() counted the taken up
            }
        }
        return unroutable;
    }

    /** Records the group's new jobs and takes them up; an order that had a job not taken up in this run gets it taken up. */
    private void create(List<Job> group) throws Exception {
        Set<String> created = new HashSet<>(jobs.create(group));
        for (Job job : group) {
            if (created.remove(job.orderId())) { // once, should the group hold an order twice
                counter("chief.tailor.jobs", job, "Pending").increment();
                relay.send(result(job, JobStatus.Pending, null, job.receivedAt()));
                begin(job);
            } else if (!started.contains(job.orderId())) {
                Job recorded = jobs.unfinished(job.orderId());
                if (recorded != null && !takeUp(List.of(recorded)).isEmpty()) {
                    LOG.info("Order {} had a job not taken up in this run; took it up now", job.orderId());
                }
            }
        }
    }

    /** Waits until fewer than {@code maxJobsInFlight} jobs are on the floor; returns how many more fit. */
    private int awaitRoom() throws InterruptedException {
        synchronized (room) {
            while (started.size() >= maxJobsInFlight) {
                if (!isRunAllowed()) {
                    throw new IllegalStateException("the workshop is stopping; the order is taken again after the restart");
                }
                room.wait(200);
            }
            return maxJobsInFlight - started.size();
        }
    }

    /** Takes up a job just created (once per run). */
    private void begin(Job job) {
        if (started.add(job.orderId())) {
            track(job);
        }
    }

    /**
     * {@link #begin} for jobs read back from the store as unfinished; returns those taken up now. One may have ended
     * since that read (a lease taken again while it ran): its end is written before it leaves {@code started}, so
     * once they are ours the store is asked again (one query per few hundred), and an ended job is not started a
     * second time.
     */
    private List<Job> takeUp(List<Job> recorded) throws SQLException {
        List<Job> ours = recorded.stream().filter(job -> started.add(job.orderId())).toList();
        if (ours.isEmpty()) {
            return ours;
        }
        Map<String, JobStatus> now;
        try {
            now = jobs.statuses(ours.stream().map(Job::orderId).toList());
        } catch (SQLException | RuntimeException e) {
            // not taken up: the next attempt (a retried batch, a new lease) tries again
            ours.forEach(job -> started.remove(job.orderId()));
            throw e;
        }
        List<Job> taken = new ArrayList<>();
        for (Job job : ours) {
            JobStatus status = now.get(job.orderId());
            if (status != null && status.isFinal()) {
                started.remove(job.orderId());
            } else {
                track(job);
                taken.add(job);
            }
        }
        return taken;
    }

    /** Counts a job taken up on its robot, watches its promise and acts on what the robot knows of it. */
    private void track(Job job) {
        robotLoad(job.factoryId(), job.robot()).incrementAndGet();
        watchPromise(job);
        followRobot(job);
    }

    /**
     * Acts on what the robot knows of the job: starts it only if the robot does not know it, records its
     * end if it has one, and asks again later while it runs (its reports may go to a listener of an
     * earlier run).
     */
    private void followRobot(Job job) {
        if (!started.contains(job.orderId())) {
            return; // its end is recorded
        }
        RoboTailor.JobState state = tailor.state(job.id());
        switch (state.phase()) {
            case UNKNOWN -> tailor.start(job, this);
            case FINISHED -> statusChanged(job, state.status(), state.reason());
            case RUNNING -> {
                if (isRunAllowed()) {
                    scheduler.schedule(() -> followRobot(job), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private int pickRobot(Order order, String factoryId, int robots) {
        int best = -1;
        for (int robot = 1; robot <= robots; robot++) {
            if (reference.robots().canSew(robot, robots, order.material())
                    && (best < 0 || robotLoad(factoryId, robot).get() < robotLoad(factoryId, best).get())) {
                best = robot;
            }
        }
        if (best < 0) {
            throw new UnroutableOrderException("no robot of " + factoryId + " (" + robots + " robots) can sew " + order.material());
        }
        return best;
    }

    /** Queued for the next group write ({@link #writeStatuses}); the robots' threads never wait for the database. */
    @Override
    public void statusChanged(Job job, JobStatus status, String reason) {
        statusWrites.add(new StatusChange(job, result(job, status, reason, Instant.now().truncatedTo(ChronoUnit.MILLIS))));
    }

    /** One group of status changes in one transaction; then the jobs that ended make room and each change is sent. */
    private void writeStatuses(List<StatusChange> changes) throws Exception {
        Map<String, Job> jobOf = new HashMap<>();
        changes.forEach(change -> jobOf.put(change.job().orderId(), change.job()));
        for (JobResult made : jobs.advance(changes.stream().map(StatusChange::result).toList())) {
            Job job = jobOf.get(made.orderId());
            if (made.status().isFinal() && started.remove(job.orderId())) {
                robotLoad(job.factoryId(), job.robot()).decrementAndGet();
                synchronized (room) {
                    room.notifyAll();
                }
            }
            if (made.status() == JobStatus.Completed) {
                promiseKept(job.orderId());
            }
            counter("chief.tailor.jobs", job, made.status().name()).increment();
            relay.send(made);
        }
    }

    /** The database is away: the group is tried again; after a stop its jobs are taken up again from tailor_job. */
    private void statusesNotWritten(List<StatusChange> changes, Exception cause) {
        LOG.warn("{} job status changes could not be recorded: {}; trying again in {} s", changes.size(), cause.getMessage(),
                STATUS_RETRY.toSeconds());
        try {
            scheduler.schedule(() -> changes.forEach(statusWrites::add), STATUS_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Stopping: {} status changes are taken up again after the restart", changes.size());
        }
    }

    private static JobResult result(Job job, JobStatus status, String reason, Instant at) {
        return new JobResult(job.orderId(), job.order().customer(), job.factoryId(), job.robotId(), status, reason, at);
    }

    /** At the job's due time its recorded status is checked, unless it completed in this run before (the watch is then cancelled). */
    private void watchPromise(Job job) {
        long delay = Math.max(0, Duration.between(Instant.now(), job.dueAt()).toMillis());
        promises.put(job.orderId(), scheduler.schedule(() -> {
            promises.remove(job.orderId());
            JobStatus status = jobs.status(job.orderId());
            if (status != JobStatus.Completed) {
                breach(job, status);
            }
            return null;
        }, delay, TimeUnit.MILLISECONDS));
    }

    /** The job completed within this run: its promise is kept, no need to look it up at the due time. */
    private void promiseKept(String orderId) {
        ScheduledFuture<?> watch = promises.remove(orderId);
        if (watch != null) {
            watch.cancel(false); // one already running finds Completed recorded
        }
    }

    private void breach(Job job, JobStatus status) throws Exception {
        counter("chief.tailor.sla.breaches", job, String.valueOf(status)).increment();
        LOG.warn("SLA breach: order {} on {}/{} is {} at its 24-hour promise ({})", job.orderId(), job.factoryId(),
                job.robotId(), status, job.dueAt());
        Files.createDirectories(operationsOutbox);
        var notice = Json.MAPPER.createObjectNode()
                .put("event", "SLA_BREACH")
                .put("orderId", job.orderId())
                .put("factoryId", job.factoryId())
                .put("robotId", job.robotId())
                .put("status", String.valueOf(status))
                .put("receivedAt", job.receivedAt().toString())
                .put("dueAt", job.dueAt().toString())
                .put("detectedAt", Instant.now().toString());
        String name = "sla-breach-" + SafeFileNames.encode(job.orderId()) + ".json";
        Path part = Files.writeString(operationsOutbox.resolve("." + name + ".part"), notice.toPrettyString());
        Files.move(part, operationsOutbox.resolve(name), StandardCopyOption.REPLACE_EXISTING); // readers see whole notices
    }

    private AtomicInteger robotLoad(String factoryId, int robot) {
        return load.computeIfAbsent(factoryId + "/" + RobotId.of(robot), key -> {
            AtomicInteger value = new AtomicInteger();
            io.micrometer.core.instrument.Gauge.builder("chief.tailor.robot.load", value, AtomicInteger::get)
                    .tag("factory", factoryId).tag("robot", RobotId.of(robot))
                    .description("Jobs queued or running on a robot").register(meters);
            return value;
        });
    }

    private Counter counter(String name, Job job, String status) {
        return Counter.builder(name).tag("factory", job.factoryId()).tag("robot", job.robotId()).tag("status", status)
                .register(meters);
    }
}
