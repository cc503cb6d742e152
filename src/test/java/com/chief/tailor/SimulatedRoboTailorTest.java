package com.chief.tailor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.model.Channel;
import com.chief.model.JobStatus;
import com.chief.model.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated robots: each job decided once, by its id and the seed; a job they have is not run again. */
class SimulatedRoboTailorTest {

    /** A factory hour in a millisecond: a job takes about 1 ms. */
    private static final double FAST = 3_600_000;

    /** The robots' time source: its queue shows every report still to come. */
    private final ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(2);

    @AfterEach
    void stop() {
        clock.shutdownNow();
    }

    @Test
    void aJobRunAgainByAFreshRobotWithTheSameSeedEndsTheSameWay() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            jobs.add(job("order-" + i, 1 + i % 6));
        }
        Map<String, JobStatus> firstRun = run(new SimulatedRoboTailor(clock, FAST, 0.5, 42), jobs);
        assertThat(firstRun.values()).as("both outcomes occur").contains(JobStatus.Completed, JobStatus.Failed);

        // after a crash only some jobs are run again, in another order, by a robot that remembers nothing
        List<Job> again = new ArrayList<>();
        for (int i = jobs.size() - 1; i >= 0; i -= 3) {
            again.add(jobs.get(i));
        }
        Map<String, JobStatus> secondRun = run(new SimulatedRoboTailor(clock, FAST, 0.5, 42), again);
        secondRun.forEach((id, status) -> assertThat(status).as(id).isEqualTo(firstRun.get(id)));
    }

    @Test
    void startingAJobTheRobotHasDoesNotRunItAgain() {
        SimulatedRoboTailor robot = new SimulatedRoboTailor(clock, 3_600, 0.5, 42); // a job takes about a second
        Job job = job("once-1", 1);
        List<String> reports = new CopyOnWriteArrayList<>();
        RoboTailor.Listener listener = (reported, status, reason) -> reports.add(status.name());
        assertThat(robot.state(job.id())).isEqualTo(RoboTailor.JobState.UNKNOWN);

        robot.start(job, listener);
        robot.start(job, listener); // while it runs
        assertThat(robot.state(job.id())).isEqualTo(RoboTailor.JobState.RUNNING);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.state(job.id()).phase() == RoboTailor.Phase.FINISHED);
        robot.start(job, listener); // after it ended

        // a second run, of either start, would wait in the robots' scheduler (its end a second away)
        assertThat(clock.getQueue()).as("nothing more scheduled").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 2); // the end is reported just after it is kept
        JobStatus end = robot.state(job.id()).status();
        assertThat(reports).as("one InProgress and one end").containsExactly("InProgress", end.name());
    }

    /** Starts the jobs in the given order and waits for every end; the end of each job by id. */
    private Map<String, JobStatus> run(SimulatedRoboTailor robot, List<Job> jobs) {
        Map<String, JobStatus> ends = new ConcurrentHashMap<>();
        List<String> inProgress = Collections.synchronizedList(new ArrayList<>());
        RoboTailor.Listener listener = (job, status, reason) -> {
            if (status == JobStatus.InProgress) {
                inProgress.add(job.id());
            } else {
                ends.put(job.id(), status);
            }
        };
        jobs.forEach(job -> robot.start(job, listener));
        await().atMost(Duration.ofSeconds(20)).until(() -> ends.size() == jobs.size());
        jobs.forEach(job -> assertThat(robot.state(job.id()).status()).as("the robot keeps the end").isEqualTo(ends.get(job.id())));
        assertThat(inProgress).as("each job run once").hasSize(jobs.size()).doesNotHaveDuplicates();
        return ends;
    }

    static Job job(String id, int robot) {
        Order order = new Order(id, Channel.ONLINE, id + "@example.com", "M", "L", null, "cotton", "aqua", null, "west", null,
                Instant.parse("2026-11-22T10:00:00Z"));
        Instant now = Instant.now();
        return new Job(order, "shardId-000000000000", "factory1", robot, now, now.plus(Duration.ofHours(1)));
    }
}
