package com.chief.tailor;

import com.chief.model.JobStatus;
import com.chief.model.Order;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The built-in robots: each sews one job at a time, in arrival order. A job takes factory minutes
 * by design (60, custom 150 plus the size of the measurements) times the material (fur and
 * leather 1.5, lace 1.3), divided by the speed factor (3600: a factory hour takes a second). A
 * share of jobs fails because the just-in-time supplier cannot deliver the material: which ones is
 * decided by the job's id and the seed alone, so a job run again (after a crash lost its recorded
 * end) ends the same way, on any instance with the same seed. The robots keep the jobs they were
 * given (the finished ones up to {@link #FINISHED_KEPT}): a job they have is not started again.
 */
public final class SimulatedRoboTailor implements RoboTailor {

    /**
     * Finished jobs remembered, the oldest forgotten first: enough for any resume soon after the end,
     * without keeping every job of a long run in memory. A forgotten job started again would end the same way.
     */
    static final int FINISHED_KEPT = 10_000;

    private final ScheduledExecutorService clock;
    private final double speedFactor;
    private final double failureRate;
    private final long seed;
    private final Map<String, Long> robotFreeAt = new ConcurrentHashMap<>();
    private final Map<String, JobState> running = new ConcurrentHashMap<>();
    private final Map<String, JobState> finished = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobState> eldest) {
            return size() > FINISHED_KEPT;
        }
    };

    public SimulatedRoboTailor(ScheduledExecutorService clock, double speedFactor, double failureRate, long seed) {
        this.clock = clock;
        this.speedFactor = speedFactor;
        this.failureRate = failureRate;
        this.seed = seed;
    }

    @Override
    public void start(Job job, Listener listener) {
        synchronized (finished) {
            if (finished.containsKey(job.id()) || running.putIfAbsent(job.id(), JobState.RUNNING) != null) {
                return; // the robot has it already
            }
        }
        long now = System.currentTimeMillis();
        long work = duration(job.order()).toMillis();
        String robot = job.factoryId() + "/" + job.robotId();
        long[] window = new long[2];
        robotFreeAt.compute(robot, (key, freeAt) -> {
            window[0] = Math.max(now, freeAt == null ? now : freeAt);
            window[1] = window[0] + work;
            return window[1];
        });
        JobState end = outcome(job);
        // the end is scheduled by the start's task: two tasks of a pooled scheduler due close together may run in
        // either order, and a robot reports its job's end after its start
        clock.schedule(() -> {
            listener.statusChanged(job, JobStatus.InProgress, null);
            clock.schedule(() -> {
                synchronized (finished) {
                    finished.put(job.id(), end);
                    running.remove(job.id());
                }
                listener.statusChanged(job, end.status(), end.reason());
            }, Math.max(0, window[1] - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }, window[0] - now, TimeUnit.MILLISECONDS);
    }

    @Override
    public JobState state(String jobId) {
        synchronized (finished) {
            JobState state = finished.get(jobId);
            return state != null ? state : running.getOrDefault(jobId, JobState.UNKNOWN);
        }
    }

    /** Completed, or Failed for want of material when the job's draw falls under the failure rate. */
    private JobState outcome(Job job) {
        if (draw(job.id(), seed) < failureRate) {
            return JobState.finished(JobStatus.Failed, "material " + job.order().material()
                    + " unavailable from the just-in-time supplier");
        }
        return JobState.finished(JobStatus.Completed, null);
    }

    /** A number in [0, 1) fixed by the job id and the seed (FNV-1a of the id from the seed, mixed by SplittableRandom). */
    static double draw(String jobId, long seed) {
        long hash = seed;
        for (byte b : jobId.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ b) * 0x100000001b3L;
        }
        return new SplittableRandom(hash).nextDouble();
    }

    /** Real time a job takes at this speed factor. */
    public Duration duration(Order order) {
        double minutes = "custom".equals(order.design()) ? 150 : 60;
        if (order.measurements() != null) {
            minutes += (order.measurements().bust() + order.measurements().hip() + order.measurements().waist()) / 10;
        }
        minutes *= switch (order.material()) {
            case "fur", "leather" -> 1.5;
            case "lace" -> 1.3;
            default -> 1.0;
        };
        return Duration.ofMillis((long) (minutes * 60_000 / speedFactor));
    }
}
