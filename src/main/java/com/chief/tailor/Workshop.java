package com.chief.tailor;

import com.chief.kinesis.RecordProducer;
import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.model.Order;
import com.chief.model.ReferenceData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The factories' floor: takes an order for a factory, picks the least-loaded robot that can sew
 * it, records the job, announces it (Pending) on {@code JobResultsStream} and hands it to a
 * {@link RoboTailor}; every later status goes the same way. Jobs still running are resumed after a
 * restart, and a job not Completed within the (speed-scaled) 24-hour promise raises an SLA breach.
 */
public final class Workshop extends ServiceSupport implements RoboTailor.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Workshop.class);
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration EMIT_RETRY = Duration.ofSeconds(10);

    private final ReferenceData reference;
    private final JobStore jobs;
    private final RoboTailor tailor;
    private final RecordProducer producer;
    private final String jobResultsStream;
    private final Duration promise;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final Path operationsOutbox;
    private final Map<String, AtomicInteger> load = new ConcurrentHashMap<>();

    public Workshop(ReferenceData reference, JobStore jobs, RoboTailor tailor, RecordProducer producer, String jobResultsStream,
            Duration promise, ScheduledExecutorService scheduler, MeterRegistry meters, Path operationsOutbox) {
        this.reference = reference;
        this.jobs = jobs;
        this.tailor = tailor;
        this.producer = producer;
        this.jobResultsStream = jobResultsStream;
        this.promise = promise;
        this.scheduler = scheduler;
        this.meters = meters;
        this.operationsOutbox = operationsOutbox;
    }

    @Override
    protected void doStart() throws Exception {
        var unfinished = jobs.unfinished();
        for (var entry : unfinished.entrySet()) {
            Job job = entry.getKey();
            robotLoad(job.factoryId(), job.robot()).incrementAndGet();
            // announce the recorded status again: a crash may have come between recording and announcing it;
            // consumers de-duplicate job results by order and status
            emitReliably(job, entry.getValue(), null, Instant.now());
            tailor.start(job, this);
            watchPromise(job);
        }
        if (!unfinished.isEmpty()) {
            LOG.info("Resumed {} robo-tailor jobs that were running before the restart", unfinished.size());
        }
    }

    /** One order for one factory (from the factory route). Returns once the job is recorded and announced. */
    public void accept(Order order, String factoryId, int robots) throws Exception {
        int robot = pickRobot(order, factoryId, robots);
        Instant now = Instant.now();
        Job job = new Job(order, factoryId, robot, now, now.plus(promise));
        if (!jobs.create(job)) {
            LOG.debug("Order {} already has a job; not started again", order.orderId());
            return;
        }
        robotLoad(factoryId, robot).incrementAndGet();
        emit(job, JobStatus.Pending, null).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        counter("chief.tailor.jobs", job, "Pending").increment();
        tailor.start(job, this);
        watchPromise(job);
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

    @Override
    public void statusChanged(Job job, JobStatus status, String reason) {
        try {
            if (!jobs.advance(job.orderId(), status, reason)) {
                return; // not forward from the recorded status (e.g. a resumed job reporting again)
            }
            if (status == JobStatus.Completed || status == JobStatus.Failed) {
                robotLoad(job.factoryId(), job.robot()).decrementAndGet();
            }
            counter("chief.tailor.jobs", job, status.name()).increment();
            emitReliably(job, status, reason, Instant.now());
        } catch (Exception e) {
            // a retried, recoverable failure (and after a stop the job resumes from tailor_job), as at shutdown,
            // when H2's own shutdown hook may close the embedded database before Camel has stopped
            LOG.warn("Job {} could not move to {}: {}; trying again in {} s", job.orderId(), status, e.getMessage(),
                    EMIT_RETRY.toSeconds());
            scheduler.schedule(() -> statusChanged(job, status, reason), EMIT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void emitReliably(Job job, JobStatus status, String reason, Instant at) throws InterruptedException {
        emit(job, status, reason, at).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("Job result {} {} not accepted by Kinesis ({}); sending again in {} s", job.orderId(), status,
                        error.getMessage(), EMIT_RETRY.toSeconds());
                scheduler.schedule(() -> {
                    emitReliably(job, status, reason, at);
                    return null;
                }, EMIT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private java.util.concurrent.CompletableFuture<?> emit(Job job, JobStatus status, String reason) throws InterruptedException {
        return emit(job, status, reason, Instant.now());
    }

    private java.util.concurrent.CompletableFuture<?> emit(Job job, JobStatus status, String reason, Instant at)
            throws InterruptedException {
        JobResult result = new JobResult(job.orderId(), job.order().customer(), job.factoryId(), job.robotId(), status, reason, at);
        try {
            return producer.send(jobResultsStream, job.orderId(), Json.MAPPER.writeValueAsBytes(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void watchPromise(Job job) {
        long delay = Math.max(0, Duration.between(Instant.now(), job.dueAt()).toMillis());
        scheduler.schedule(() -> {
            JobStatus status = jobs.status(job.orderId());
            if (status != JobStatus.Completed) {
                breach(job, status);
            }
            return null;
        }, delay, TimeUnit.MILLISECONDS);
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
        String name = "sla-breach-" + job.orderId() + ".json";
        Path part = Files.writeString(operationsOutbox.resolve("." + name + ".part"), notice.toPrettyString());
        Files.move(part, operationsOutbox.resolve(name), StandardCopyOption.REPLACE_EXISTING); // readers see whole notices
    }

    private AtomicInteger robotLoad(String factoryId, int robot) {
        return load.computeIfAbsent(factoryId + "/robot" + robot, key -> {
            AtomicInteger value = new AtomicInteger();
            io.micrometer.core.instrument.Gauge.builder("chief.tailor.robot.load", value, AtomicInteger::get)
                    .tag("factory", factoryId).tag("robot", "robot" + robot)
                    .description("Jobs queued or running on a robot").register(meters);
            return value;
        });
    }

    private Counter counter(String name, Job job, String status) {
        return Counter.builder(name).tag("factory", job.factoryId()).tag("robot", job.robotId()).tag("status", status)
                .register(meters);
    }
}
