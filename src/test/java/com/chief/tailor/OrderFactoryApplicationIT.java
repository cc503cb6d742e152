package com.chief.tailor;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.UserRecord;
import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.model.Channel;
import com.chief.model.Json;
import com.chief.model.Order;
import com.chief.model.ReferenceData;
import com.chief.support.Databases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order-factory application as wired: a batch's shard is recorded with its jobs, and a shard taken has its jobs taken up. */
class OrderFactoryApplicationIT {

    @TempDir
    Path dir;

    @Test
    void aBatchsShardIsRecordedWithItsJobsAndTakingTheShardTakesUpItsJobs() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordProducer producer = ACCEPTING;
        List<String> starts = new CopyOnWriteArrayList<>();
        RoboTailor robot = recording(starts, Job::id);
        try (Databases databases = Databases.create(); DefaultCamelContext camel = new DefaultCamelContext()) {
            Workshop workshop = workshop(databases, robot, producer, scheduler, meters);
            ConsumingApplication application = started(camel, workshop, databases, meters);
            TemplatedRouteBuilder.builder(camel, "robo-factory").routeId("factory-west")
                    .parameter("factoryId", "factory1").parameter("zone", "west").parameter("robots", "6").add();

            Order order = new Order("sharded-1", Channel.ONLINE, "a@example.com", "M", "L", null, "cotton", "aqua", null, "west",
                    null, Instant.parse("2026-11-22T10:00:00Z"));
            UserRecord record = new UserRecord("shardId-000000000007", "sharded-1", "1", 0, null, Json.MAPPER.writeValueAsBytes(order));
            application.handler().handle(new RecordBatch(application.name(), "Orders", "shardId-000000000007", List.of(record)));

            assertThat(Databases.rows(databases.dataSource, "SELECT order_id, shard_id FROM tailor_job"))
                    .containsExactly("sharded-1 shardId-000000000007");
            assertThat(starts).containsExactly("sharded-1");

            Workshop restarted = workshop(databases, robot, producer, scheduler, meters);
            restarted.start();
            assertThat(starts).as("not taken up at start: its shard is not read here yet").containsExactly("sharded-1");
            new OrderFactoryApplication.Handler(null, restarted).take("shardId-000000000007");
            assertThat(starts).as("taken up with its shard").containsExactly("sharded-1", "sharded-1");
            restarted.stop();
            workshop.stop();
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** One batch over two zones: each factory makes its zone's orders in their order; an order its factory cannot sew is dead-lettered. */
    @Test
    void aBatchsOrdersGoToTheirZonesFactoriesAndAnOrderNoRobotCanSewIsDeadLettered() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordProducer producer = ACCEPTING;
        List<String> starts = new CopyOnWriteArrayList<>();
        RoboTailor robot = recording(starts, job -> job.id() + " " + job.factoryId() + "/" + job.robotId());
        try (Databases databases = Databases.create(); DefaultCamelContext camel = new DefaultCamelContext()) {
            Workshop workshop = workshop(databases, robot, producer, scheduler, meters);
            ConsumingApplication application = started(camel, workshop, databases, meters);
            TemplatedRouteBuilder.builder(camel, "robo-factory").routeId("factory-west")
                    .parameter("factoryId", "factory1").parameter("zone", "west").parameter("robots", "2").add();
            TemplatedRouteBuilder.builder(camel, "robo-factory").routeId("factory-east")
                    .parameter("factoryId", "factory4").parameter("zone", "east").parameter("robots", "0").add(); // none to sew

            List<UserRecord> records = new java.util.ArrayList<>();
            String[][] orders = {{"w-1", "west"}, {"e-1", "east"}, {"w-2", "west"}, {"w-3", "west"}};
            for (String[] o : orders) {
                Order order = new Order(o[0], Channel.ONLINE, o[0] + "@example.com", "M", "L", null, "cotton", "aqua", null, o[1],
                        null, Instant.parse("2026-11-22T10:00:00Z"));
                records.add(new UserRecord("shardId-000000000001", o[0], String.valueOf(records.size()), 0, null,
                        Json.MAPPER.writeValueAsBytes(order)));
            }
            application.handler().handle(new RecordBatch(application.name(), "Orders", "shardId-000000000001", records));

            assertThat(starts).containsExactly("w-1 factory1/robot1", "w-2 factory1/robot2", "w-3 factory1/robot1");
            try (var letters = java.nio.file.Files.walk(dir.resolve("dead"))) {
                List<String> texts = new java.util.ArrayList<>();
                for (Path letter : letters.filter(java.nio.file.Files::isRegularFile).toList()) {
                    texts.add(java.nio.file.Files.readString(letter));
                }
                assertThat(texts).singleElement().asString().contains("e-1").contains("no robot of factory4");
            }
            assertThat(Databases.rows(databases.dataSource, "SELECT message_id FROM processed_message ORDER BY message_id"))
                    .as("the batch went through: its orders remembered").contains("e-1", "w-1", "w-2", "w-3");
            workshop.stop();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private Workshop workshop(Databases databases, RoboTailor robot, RecordProducer producer, ScheduledExecutorService scheduler,
            SimpleMeterRegistry meters) {
        JobResultRelay relay = new JobResultRelay(new JobResultOutbox(databases.dataSource), producer, "JobResults", scheduler,
                Duration.ofHours(1));
        return new Workshop(ReferenceData.load(Path.of("reference-data.yaml")), new JobStore(databases.dataSource), robot, relay,
                Duration.ofHours(1), 100, scheduler, meters, dir.resolve("ops"));
    }

    /** The order-factory application and its routes as wired, over {@code workshop}, started. */
    private ConsumingApplication started(DefaultCamelContext camel, Workshop workshop, Databases databases,
            SimpleMeterRegistry meters) throws Exception {
        camel.getRegistry().bind("workshop", workshop);
        ConsumingApplication application = OrderFactoryApplication.create(camel, workshop,
                new BatchDeduplicator(databases.dataSource), new DeadLetters(dir.resolve("dead"), meters), meters);
        camel.addRoutes(new OrderFactoryRoutes());
        camel.start();
        workshop.start();
        return application;
    }

    /** A producer Kinesis always acknowledges. */
    private static final RecordProducer ACCEPTING = new RecordProducer() {
        @Override
        public CompletableFuture<ProducedRecord> send(String stream, String key, byte[] data) {
            return CompletableFuture.completedFuture(new ProducedRecord("shardId-0", "1", 1));
        }

        @Override
        public void flush() {
        }
    };

    /** A robot that knows no job and notes each one it is asked to start. */
    private static RoboTailor recording(List<String> starts, Function<Job, String> noted) {
        return new RoboTailor() {
            @Override
            public void start(Job job, Listener listener) {
                starts.add(noted.apply(job));
            }

            @Override
            public JobState state(String jobId) {
                return JobState.UNKNOWN;
            }
        };
    }
}
