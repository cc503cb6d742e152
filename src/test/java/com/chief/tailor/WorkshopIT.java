package com.chief.tailor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workshop with a real job table (H2), a recording producer and robots under the test's control. */
class WorkshopIT {

    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("reference-data.yaml"));

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
        databases = Databases.h2(dir);
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
        RoboTailor idle = (job, listener) -> robots.add(job.robotId());
        Workshop workshop = workshop(idle, Duration.ofHours(1));
        workshop.start();
        for (int i = 0; i < 4; i++) {
            workshop.accept(order("cotton-" + i, "cotton"), "factory1", 6);
        }
        workshop.accept(order("fur-1", "fur"), "factory1", 6);
        workshop.accept(order("fur-2", "fur"), "factory1", 6);
        workshop.accept(order("fur-3", "fur"), "factory1", 6);
        assertThat(robots).containsExactly("robot1", "robot2", "robot3", "robot4", "robot5", "robot6", "robot5");
    }

    @Test
    void aReplayedOrderStartsNoSecondJobAndStatusesOnlyMoveForward() throws Exception {
        List<Job> started = new CopyOnWriteArrayList<>();
        Workshop workshop = workshop((job, listener) -> started.add(job), Duration.ofHours(1));
        workshop.start();
        workshop.accept(order("o-1", "linen"), "factory2", 6);
        workshop.accept(order("o-1", "linen"), "factory2", 6);
        assertThat(started).hasSize(1);
        workshop.statusChanged(started.get(0), JobStatus.InProgress, null);
        workshop.statusChanged(started.get(0), JobStatus.Completed, null);
        workshop.statusChanged(started.get(0), JobStatus.InProgress, null); // late: ignored
        await().atMost(Duration.ofSeconds(5)).until(() -> emitted.size() >= 3);
        assertThat(emitted).containsExactly("Pending:o-1", "InProgress:o-1", "Completed:o-1");
        assertThat(new JobStore(db).status("o-1")).isEqualTo(JobStatus.Completed);
    }

    @Test
    void aJobNotCompletedWithinThePromiseRaisesAnSlaBreach() throws Exception {
        Workshop workshop = workshop((job, listener) -> listener.statusChanged(job, JobStatus.InProgress, null),
                Duration.ofMillis(300));
        workshop.start();
        workshop.accept(order("slow-1", "denim"), "factory3", 6);
        Path notice = dir.resolve("ops/sla-breach-slow-1.json");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(notice));
        assertThat(Files.readString(notice)).contains("\"event\" : \"SLA_BREACH\"").contains("\"status\" : \"InProgress\"");
        assertThat(meters.get("chief.tailor.sla.breaches").counter().count()).isEqualTo(1.0);
    }

    @Test
    void jobsRunningAtAShutdownAreResumedAndAnnouncedAgain() throws Exception {
        Workshop first = workshop((job, listener) -> { }, Duration.ofHours(1));
        first.start();
        first.accept(order("resume-1", "nylon"), "factory4", 6);
        List<Job> resumed = new CopyOnWriteArrayList<>();
        emitted.clear();
        Workshop second = workshop((job, listener) -> resumed.add(job), Duration.ofHours(1));
        second.start();
        assertThat(resumed).extracting(Job::orderId).containsExactly("resume-1");
        assertThat(emitted).containsExactly("Pending:resume-1");
    }

    private Workshop workshop(RoboTailor tailor, Duration promise) {
        return new Workshop(REFERENCE, new JobStore(db), tailor, recording, "JobResults", promise, scheduler, meters, dir.resolve("ops"));
    }

    private static Order order(String id, String material) {
        return new Order(id, Channel.ONLINE, id + "@example.com", "M", "L", null, material, "aqua", null, "west", null,
                Instant.parse("2026-11-22T10:00:00Z"));
    }
}
