package com.chief.tailor;

import com.chief.model.JobStatus;
import com.chief.model.Order;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The built-in robots: each sews one job at a time, in arrival order. A job takes factory minutes
 * by design (60, custom 150 plus the size of the measurements) times the material (fur and
 * leather 1.5, lace 1.3), divided by the speed factor (3600: a factory hour takes a second). A
 * share of jobs fails because the just-in-time supplier cannot deliver the material.
 */
public final class SimulatedRoboTailor implements RoboTailor {

    private final ScheduledExecutorService clock;
    private final double speedFactor;
    private final double failureRate;
    private final Random random;
    private final Map<String, Long> robotFreeAt = new ConcurrentHashMap<>();

    public SimulatedRoboTailor(ScheduledExecutorService clock, double speedFactor, double failureRate, long seed) {
        this.clock = clock;
        this.speedFactor = speedFactor;
        this.failureRate = failureRate;
        this.random = new Random(seed);
    }

    @Override
    public void start(Job job, Listener listener) {
        long now = System.currentTimeMillis();
        long work = duration(job.order()).toMillis();
        String robot = job.factoryId() + "/" + job.robotId();
        long[] window = new long[2];
        robotFreeAt.compute(robot, (key, freeAt) -> {
            window[0] = Math.max(now, freeAt == null ? now : freeAt);
            window[1] = window[0] + work;
            return window[1];
        });
        boolean fails;
        synchronized (random) {
            fails = random.nextDouble() < failureRate;
        }
        clock.schedule(() -> listener.statusChanged(job, JobStatus.InProgress, null), window[0] - now, TimeUnit.MILLISECONDS);
        clock.schedule(() -> {
            if (fails) {
                listener.statusChanged(job, JobStatus.Failed, "material " + job.order().material()
                        + " unavailable from the just-in-time supplier");
            } else {
                listener.statusChanged(job, JobStatus.Completed, null);
            }
        }, window[1] - now, TimeUnit.MILLISECONDS);
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
