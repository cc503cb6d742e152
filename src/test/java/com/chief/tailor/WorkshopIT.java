package com.chief.tailor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.kinesis.RecordRejectedException;
import com.chief.model.Channel;
import com.chief.model.JobStatus;
import com.chief.model.Json;
import com.chief.model.Order;
import com.chief.model.ReferenceData;
import com.chief.support.Databases;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workshop with a real job table (MariaDB), a recording producer and robots under the test's control. */
class WorkshopIT {

    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("reference-data.yaml"));
    private static final String SHARD = "shardId-000000000000";

    @TempDir
    Path dir;

    private Databases databases;
    private HikariDataSource db;
    private final List<String> emitted = new CopyOnWriteArrayList<>();
    private final RecordProducer recording = new RecordProducer() {
        @Override
        public CompletableFuture<ProducedRecord> send(String stream, String key, byte[] data) {
            try {
                emitted.add(Json.MAPPER.readTree(data).get("status").asText() + ":" + key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return CompletableFuture.completedFuture(new ProducedRecord("shardId-0", "1", 1));
        }

        @Override
        public void flush() {
        }
    };
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void database() {
        databases = Databases.create();
        db = databases.dataSource;
    }

    @AfterEach
    void close() throws Exception {
        scheduler.shutdownNow();
        databases.close();
    }

    @Test
    void picksTheLeastLoadedRobotThatCanSewTheMaterial() throws Exception {
        List<String> robots = new CopyOnWriteArrayList<>();
        RoboTailor idle = robot((job, listener) -> robots.add(job.robotId()));
        Workshop workshop = workshop(idle, Duration.ofHours(1));
        workshop.start();
        for (int i = 0; i < 4; i++) {
            workshop.accept(List.of(order("cotton-" + i, "cotton")), SHARD, "factory1", 6);
        }
        workshop.accept(List.of(order("fur-1", "fur")), SHARD, "factory1", 6);
        workshop.accept(List.of(order("fur-2", "fur")), SHARD, "factory1", 6);
        workshop.accept(List.of(order("fur-3", "fur")), SHARD, "factory1", 6);
        assertThat(robots).containsExactly("robot1", "robot2", "robot3", "robot4", "robot5", "robot6", "robot5");
    }

    @Test
    void aGroupIsSpreadOverTheRobotsAndRecordsEachNewJobOnce() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        Workshop workshop = workshop(robot((job, listener) -> started.add(job.orderId() + "@" + job.robotId())),
                Duration.ofHours(1));
        workshop.start();
        workshop.accept(List.of(order("g-0", "cotton")), SHARD, "factory1", 6);
        assertThat(workshop.accept(List.of(order("g-1", "cotton"), order("g-2", "cotton"), order("g-3", "fur"),
                order("g-0", "cotton"), order("g-2", "cotton")), SHARD, "factory1", 6)).isEmpty();
        assertThat(started).containsExactly("g-0@robot1", "g-1@robot2", "g-2@robot3", "g-3@robot5");
        await().atMost(Duration.ofSeconds(5)).until(() -> emitted.size() >= 4);
        assertThat(emitted).containsExactlyInAnyOrder("Pending:g-0", "Pending:g-1", "Pending:g-2", "Pending:g-3");
        assertThat(Databases.rows(db, "SELECT order_id FROM tailor_job ORDER BY order_id")).containsExactly("g-0", "g-1", "g-2",
                "g-3");
    }

    @Test
    void aReplayedOrderStartsNoSecondJobAndStatusesOnlyMoveForward() throws Exception {
        List<Job> started = new CopyOnWriteArrayList<>();
        Workshop workshop = workshop(robot((job, listener) -> started.add(job)), Duration.ofHours(1));
        workshop.start();
        workshop.accept(List.of(order("o-1", "linen")), SHARD, "factory2", 6);
        workshop.accept(List.of(order("o-1", "linen")), SHARD, "factory2", 6);
        assertThat(started).hasSize(1);
        workshop.statusChanged(started.get(0), JobStatus.InProgress, null);
        workshop.statusChanged(started.get(0), JobStatus.Completed, null);
        workshop.statusChanged(started.get(0), JobStatus.InProgress, null); // late: ignored
        await().atMost(Duration.ofSeconds(5)).until(() -> emitted.size() >= 3);
        assertThat(emitted).containsExactly("Pending:o-1", "InProgress:o-1", "Completed:o-1");
        assertThat(new JobStore(db).status("o-1")).isEqualTo(JobStatus.Completed);
    }

    @Test
    void aJobKeepsItsFirstFinalStatusAndAnnouncesOnlyThat() throws Exception {
        List<Job> started = new CopyOnWriteArrayList<>();
        Workshop workshop = workshop(robot((job, listener) -> started.add(job)), Duration.ofHours(1));
        workshop.start();
        workshop.accept(List.of(order("f-1", "linen")), SHARD, "factory2", 6);
        workshop.statusChanged(started.get(0), JobStatus.Completed, null);
        workshop.statusChanged(started.get(0), JobStatus.Failed, "a re-run after a crash"); // same rank: refused
        await().atMost(Duration.ofSeconds(5)).until(() -> emitted.size() >= 3);
        assertThat(emitted).containsExactlyInAnyOrder("Pending:f-1", "InProgress:f-1", "Completed:f-1"); // InProgress implied
        assertThat(new JobStore(db).status("f-1")).isEqualTo(JobStatus.Completed);
        assertThat(Databases.rows(db, "SELECT status FROM job_result_outbox WHERE order_id = 'f-1' ORDER BY status"))
                .containsExactly("Completed", "InProgress", "Pending");
    }

    @Test
    void anOrderBeyondTheJobsInFlightWaitsUntilAJobFinishes() throws Exception {
        List<Job> started = new CopyOnWriteArrayList<>();
        Workshop workshop = workshop(robot((job, listener) -> started.add(job)), recording, scheduler, Duration.ofHours(1), 2);
        workshop.start();
        workshop.accept(List.of(order("room-1", "linen")), SHARD, "factory1", 6);
        workshop.accept(List.of(order("room-2", "linen")), SHARD, "factory1", 6);
        CompletableFuture<Void> third = acceptLater(workshop, "room-3");
        await("two jobs on the floor: the third order waits").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1))
                .until(() -> !third.isDone() && started.size() == 2);
        assertThat(third).as("two jobs on the floor: the third order waits").isNotDone();
        assertThat(started).hasSize(2);

        workshop.statusChanged(started.get(0), JobStatus.Completed, null);
        third.get(5, TimeUnit.SECONDS);
        assertThat(started).extracting(Job::orderId).containsExactly("room-1", "room-2", "room-3");

        CompletableFuture<Void> fourth = acceptLater(workshop, "room-4");
        await("the fourth order waits too").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !fourth.isDone());
        workshop.stop();
        assertThatThrownBy(() -> fourth.get(5, TimeUnit.SECONDS))
                .as("a stop releases a waiting order with an error, so its batch is read again after the restart")
                .hasMessageContaining("stopping");
        assertThat(new JobStore(db).status("room-4")).isNull();
    }

    @Test
    void aJobNotCompletedWithinThePromiseRaisesAnSlaBreach() throws Exception {
        Workshop workshop = workshop(robot((job, listener) -> listener.statusChanged(job, JobStatus.InProgress, null)),
                Duration.ofMillis(300));
        workshop.start();
        workshop.accept(List.of(order("slow-1", "denim")), SHARD, "factory3", 6);
        Path notice = dir.resolve("ops/sla-breach-slow-1.json");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(notice));
        assertThat(Files.readString(notice)).contains("\"event\" : \"SLA_BREACH\"").contains("\"status\" : \"InProgress\"");
        assertThat(meters.get("chief.tailor.sla.breaches").counter().count()).isEqualTo(1.0);
    }

    @Test
    void anSlaNoticeForAHostileOrderIdStaysInTheOperationsOutbox() throws Exception {
        Workshop workshop = workshop(robot((job, listener) -> listener.statusChanged(job, JobStatus.InProgress, null)),
                Duration.ofMillis(300));
        workshop.start();
        workshop.accept(List.of(order("../../evil/x\r\n", "denim")), SHARD, "factory3", 6);
        Path notice = dir.resolve("ops/sla-breach-%2E.%2F..%2Fevil%2Fx%0D%0A.json");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(notice));
        assertThat(Files.readString(notice)).contains("../../evil/x");
        assertThat(dir.resolve("evil")).doesNotExist();
    }

    @Test
    void jobsRunningAtAShutdownAreResumedAndAnAcknowledgedStatusIsNotSentAgain() throws Exception {
        Workshop first = workshop(robot((job, listener) -> { }), Duration.ofHours(1));
        first.start();
        first.accept(List.of(order("resume-1", "nylon")), SHARD, "factory4", 6);
        first.stop();
        assertThat(emitted).containsExactly("Pending:resume-1");
        List<Job> resumed = new CopyOnWriteArrayList<>();
        Workshop second = workshop(robot((job, listener) -> resumed.add(job)), Duration.ofHours(1));
        second.start();
        second.resumeShard(SHARD); // as the order consumer does when it starts reading the shard
        assertThat(resumed).extracting(Job::orderId).containsExactly("resume-1");
        new JobResultRelay(new JobResultOutbox(db), recording, "JobResults", scheduler, Duration.ofHours(1)).sweep();
        assertThat(emitted).as("Pending was acknowledged before the stop").containsExactly("Pending:resume-1");
    }


    @Test
    void sendsThatFailAtFirstAreRepeatedUntilEveryStatusOfEveryJobIsAcknowledged() throws Exception {
        FlakyProducer producer = new FlakyProducer();
        producer.failFirst.set(5);
        List<String> ran = new CopyOnWriteArrayList<>();
        Workshop workshop = workshop(finishing(ran, scheduler), producer, scheduler, Duration.ofHours(1));
        workshop.start();
        List<String> orders = List.of("f-0", "f-1", "f-2", "f-3", "f-4", "f-5", "f-6", "f-7", "f-8", "f-9");
        for (String id : orders) {
            acceptAsTheConsumerWould(workshop, order(id, "cotton"));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEachJobAcknowledgedOncePerStatus(producer, orders));
        assertThat(ran).as("every job reached a robot, once").containsExactlyInAnyOrderElementsOf(orders);
        assertThat(unacknowledgedIntents()).as("nothing stranded in the outbox").isZero();
    }

    @Test
    void statusesNotAcknowledgedBeforeACrashAreSentAfterTheRestart() throws Exception {
        FlakyProducer producer = new FlakyProducer();
        ScheduledExecutorService firstLife = Executors.newScheduledThreadPool(1);
        List<Job> started = new CopyOnWriteArrayList<>();
        Workshop first = workshop(robot((job, listener) -> started.add(job)), producer, firstLife, Duration.ofHours(1));
        first.start();
        for (String id : List.of("c-1", "c-2", "c-3")) {
            first.accept(List.of(order(id, "silk")), SHARD, "factory1", 6);
        }
        producer.down.set(true); // Kinesis goes away while the robots work
        for (Job job : started) {
            first.statusChanged(job, JobStatus.InProgress, null);
            first.statusChanged(job, JobStatus.Completed, null);
        }
        // the robots' reports are recorded a group at a time, on the workshop's own threads: the crash comes after
        await().atMost(Duration.ofSeconds(5)).until(() -> Databases.rows(db,
                "SELECT COUNT(*) FROM tailor_job WHERE status = 'Completed'").get(0).equals("3"));
        boolean accepted = acceptAsTheConsumerWould(first, order("c-4", "silk"));
        firstLife.shutdownNow(); // the crash: whatever the first life meant to retry dies with it

        producer.down.set(false);
        List<String> ranAfterRestart = new CopyOnWriteArrayList<>();
        Workshop second = workshop(finishing(ranAfterRestart, scheduler), producer, scheduler, Duration.ofHours(1));
        second.start();
        second.resumeShard(SHARD);
        if (!accepted) {
            acceptAsTheConsumerWould(second, order("c-4", "silk")); // the batch was not checkpointed: it comes again
        }
        List<String> orders = List.of("c-1", "c-2", "c-3", "c-4");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEachJobAcknowledgedOncePerStatus(producer, orders));
        assertThat(ranAfterRestart).as("only the unfinished job is resumed").containsExactly("c-4");
        assertThat(unacknowledgedIntents()).as("nothing stranded in the outbox").isZero();
    }

    @Test
    void aJobWhoseEndWasLostInACrashEndsTheSameWayWhenTakenUpAgain() throws Exception {
        List<String> orders = new ArrayList<>();
        Workshop first = workshop(new SimulatedRoboTailor(scheduler, 3_600_000, 0.5, 7), Duration.ofHours(1));
        first.start();
        for (int i = 0; i < 40; i++) {
            orders.add("lost-" + i);
            first.accept(List.of(order("lost-" + i, "cotton")), SHARD, "factory1", 6);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> finalStatuses().size() == orders.size());
        first.stop();
        assertThat(finalStatuses()).as("both outcomes occur").anyMatch(row -> row.endsWith("Failed"))
                .anyMatch(row -> row.endsWith("Completed"));

        // the crash: every other job's end was announced, but its commit in tailor_job is lost
        for (int i = 1; i < orders.size(); i += 2) {
            execute("UPDATE tailor_job SET status = 'InProgress' WHERE order_id = '" + orders.get(i) + "'");
        }
        Workshop second = workshop(new SimulatedRoboTailor(scheduler, 3_600_000, 0.5, 7), Duration.ofHours(1));
        second.start();
        second.resumeShard(SHARD);
        await().atMost(Duration.ofSeconds(10)).until(() -> Databases.rows(db,
                "SELECT COUNT(*) FROM tailor_job WHERE status IN ('Pending', 'InProgress')").get(0).equals("0"));

        assertThat(Databases.rows(db, "SELECT order_id FROM job_result_outbox WHERE status IN ('Completed', 'Failed')"
                + " GROUP BY order_id HAVING COUNT(*) > 1")).as("orders with two ends").isEmpty();
        assertThat(finalStatuses()).hasSize(orders.size());
    }

    @Test
    void aJobTakenUpAgainIsStartedOnlyIfTheRobotDoesNotKnowIt() throws Exception {
        Workshop first = workshop(robot((job, listener) -> { }), Duration.ofHours(1));
        first.start();
        for (String id : List.of("known-running", "known-finished", "unknown")) {
            first.accept(List.of(order(id, "wool")), SHARD, "factory1", 6);
        }
        first.stop();

        List<String> starts = new CopyOnWriteArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        RoboTailor remembering = new RoboTailor() {
            @Override
            public void start(Job job, Listener listener) {
                starts.add(job.id());
            }

            @Override
            public JobState state(String jobId) {
                return switch (jobId) {
                    case "known-running" -> asked.incrementAndGet() < 3 ? JobState.RUNNING : JobState.finished(JobStatus.Failed, "torn");
                    case "known-finished" -> JobState.finished(JobStatus.Completed, null);
                    default -> JobState.UNKNOWN;
                };
            }
        };
        Workshop second = workshop(remembering, Duration.ofHours(1));
        second.start();
        second.resumeShard(SHARD);
        await().atMost(Duration.ofSeconds(10)).until(() -> new JobStore(db).status("known-running") == JobStatus.Failed);

        assertThat(starts).as("only the job the robot did not know").containsExactly("unknown");
        assertThat(Databases.rows(db, "SELECT order_id, status FROM job_result_outbox ORDER BY order_id, occurred_at"))
                .containsExactly("known-finished Pending", "known-finished InProgress", "known-finished Completed",
                        "known-running Pending", "known-running InProgress", "known-running Failed", "unknown Pending");
    }

    @Test
    void atStartOnlyJobsWithoutAShardAreTakenUpAndAShardsJobsWhenItsReaderTakesIt() throws Exception {
        Workshop first = workshop(robot((job, listener) -> { }), Duration.ofHours(1));
        first.start();
        first.accept(List.of(order("mine-1", "wool")), "shardId-A", "factory1", 6);
        first.accept(List.of(order("other-1", "wool")), "shardId-B", "factory1", 6);
        first.accept(List.of(order("legacy-1", "wool")), "shardId-B", "factory1", 6);
        first.stop();
        execute("UPDATE tailor_job SET shard_id = NULL WHERE order_id = 'legacy-1'"); // as recorded before V12

        List<String> ran = new CopyOnWriteArrayList<>();
        Workshop second = workshop(finishing(ran, scheduler), Duration.ofHours(1));
        second.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> finalStatuses().size() == 1);
        assertThat(finalStatuses()).as("at start: only the job without a shard").containsExactly("legacy-1 Completed");

        second.resumeShard("shardId-A"); // this instance starts reading shard A
        second.resumeShard("shardId-A"); // and again (a lease taken afresh): nothing twice
        await().atMost(Duration.ofSeconds(5)).until(() -> finalStatuses().size() == 2);
        assertThat(finalStatuses()).containsExactly("legacy-1 Completed", "mine-1 Completed");
        assertThat(ran).containsExactly("legacy-1", "mine-1");
        assertThat(new JobStore(db).status("other-1")).as("another instance's shard: left alone").isEqualTo(JobStatus.Pending);
    }

    private void execute(String sql) throws Exception {
        try (var connection = db.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** Each job's end as announced: "orderId status", by order id. */
    private List<String> finalStatuses() throws Exception {
        return Databases.rows(db, "SELECT order_id, status FROM job_result_outbox WHERE status IN ('Completed', 'Failed')"
                + " ORDER BY order_id");
    }

    /** Calls accept as the order consumer does: a failed batch is offered again (a few times here). */
    private static boolean acceptAsTheConsumerWould(Workshop workshop, Order order) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                workshop.accept(List.of(order), SHARD, "factory1", 6);
                return true;
            } catch (Exception batchFailed) {
                // offered again
            }
        }
        return false;
    }

    /** A robot that reports InProgress and Completed at once (on another thread, as start must not block). */
    private static RoboTailor finishing(List<String> ran, ScheduledExecutorService thread) {
        return robot((job, listener) -> {
            ran.add(job.orderId());
            thread.execute(() -> {
                listener.statusChanged(job, JobStatus.InProgress, null);
                listener.statusChanged(job, JobStatus.Completed, null);
            });
        });
    }

    /** A robot under the test's control that keeps nothing: every job is unknown to it. */
    private static RoboTailor robot(BiConsumer<Job, RoboTailor.Listener> start) {
        return new RoboTailor() {
            @Override
            public void start(Job job, Listener listener) {
                start.accept(job, listener);
            }

            @Override
            public JobState state(String jobId) {
                return JobState.UNKNOWN;
            }
        };
    }

    private static void assertEachJobAcknowledgedOncePerStatus(FlakyProducer producer, List<String> orders) {
        List<String> expected = new ArrayList<>();
        for (String id : orders) {
            for (String status : List.of("Pending", "InProgress", "Completed")) {
                expected.add(status + ":" + id);
            }
        }
        assertThat(producer.acknowledged).as("acknowledged by the producer").containsExactlyInAnyOrderElementsOf(expected);
    }

    private int unacknowledgedIntents() throws Exception {
        return Integer.parseInt(Databases.rows(db, "SELECT COUNT(*) FROM job_result_outbox WHERE acknowledged_at IS NULL").get(0));
    }

    /** A producer that fails the first sends, or every send while it is down; records what it acknowledged. */
    private static final class FlakyProducer implements RecordProducer {
        final AtomicInteger failFirst = new AtomicInteger();
        final AtomicBoolean down = new AtomicBoolean();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<ProducedRecord> send(String stream, String key, byte[] data) {
            if (down.get() || failFirst.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new RecordRejectedException("Kinesis unavailable"));
            }
            try {
                acknowledged.add(Json.MAPPER.readTree(data).get("status").asText() + ":" + key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return CompletableFuture.completedFuture(new ProducedRecord("shardId-0", "1", 1));
        }

        @Override
        public void flush() {
        }
    }

    private static CompletableFuture<Void> acceptLater(Workshop workshop, String orderId) {
        return CompletableFuture.runAsync(() -> {
            try {
                workshop.accept(List.of(order(orderId, "linen")), SHARD, "factory1", 6);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Workshop workshop(RoboTailor tailor, Duration promise) {
        return workshop(tailor, recording, scheduler, promise);
    }

    private Workshop workshop(RoboTailor tailor, RecordProducer producer, ScheduledExecutorService scheduler, Duration promise) {
        return workshop(tailor, producer, scheduler, promise, 2_000);
    }

    private Workshop workshop(RoboTailor tailor, RecordProducer producer, ScheduledExecutorService scheduler, Duration promise,
            int maxJobsInFlight) {
        JobResultRelay relay = new JobResultRelay(new JobResultOutbox(db), producer, "JobResults", scheduler, Duration.ofMillis(100));
        return new Workshop(REFERENCE, new JobStore(db), tailor, relay, promise, maxJobsInFlight, scheduler, meters, dir.resolve("ops"));
    }

    private static Order order(String id, String material) {
        return new Order(id, Channel.ONLINE, id + "@example.com", "M", "L", null, material, "aqua", null, "west", null,
                Instant.parse("2026-11-22T10:00:00Z"));
    }
}
