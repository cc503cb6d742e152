package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import com.chief.model.Channel;
import com.chief.model.Json;
import com.chief.model.Order;
import com.chief.model.ReferenceData;
import com.chief.support.Databases;
import com.chief.tailor.Job;
import com.chief.tailor.JobResultOutbox;
import com.chief.tailor.JobResultRelay;
import com.chief.tailor.JobStore;
import com.chief.tailor.OrderFactoryApplication;
import com.chief.tailor.OrderFactoryRoutes;
import com.chief.tailor.RoboTailor;
import com.chief.tailor.Workshop;
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
import java.util.stream.Stream;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * An operator stops or suspends a factory route under load, or a live reload of its YAML removes it for a while: the order-factory application's batch
 * and its checkpoint wait, nothing is dead-lettered, {@code chief-routes} names the route and the
 * application it holds, and once the route runs again every order is made once.
 */
class ShardReaderStoppedRouteTest {

    private static final int ORDERS = 20;
    private static final String[] FACTORIES = {"factory-west", "factory-central", "factory-south", "factory-east"};

    private Path dir;
    private final FakeKinesis stream = new FakeKinesis();
    private final Shard shard = stream.shard("shardId-0");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsumerMetrics metrics = new ConsumerMetrics(meters);
    private final List<String> jobsStarted = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private Databases db;
    private DefaultCamelContext camel;
    private Workshop workshop;
    private CheckpointStore checkpoints;
    private ShardReader reader;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("stopped-route");
        db = Databases.create();
        checkpoints = new CheckpointStore(db.dataSource);
        workshop = new Workshop(ReferenceData.load(Path.of("reference-data.yaml")), new JobStore(db.dataSource), robot(),
                new JobResultRelay(new JobResultOutbox(db.dataSource), acknowledgingProducer(), "JobResults", scheduler,
                        Duration.ofHours(1)), Duration.ofHours(1), 100, scheduler, meters, dir.resolve("ops"));
        camel = new DefaultCamelContext();
        camel.getComponent("direct", DirectComponent.class).setTimeout(100); // Chief waits 2 s; the test need not
        camel.getRegistry().bind("workshop", workshop);
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter"), meters);
        ConsumingApplication application = OrderFactoryApplication.create(camel, workshop, new BatchDeduplicator(db.dataSource),
                deadLetters, meters);
        camel.addRoutes(new OrderFactoryRoutes());
        PluginHelper.getRoutesLoader(camel).loadRoutes(factories()); // the factories as shipped: YAML instances of robo-factory
        camel.start();
        workshop.start();
        for (int i = 0; i < ORDERS; i++) {
            Order order = new Order("o-" + i, Channel.ONLINE, "c" + i + "@example.com", "M", "L", null, "cotton", "aqua", null,
                    i % 2 == 0 ? "west" : "east", null, Instant.parse("2026-11-22T10:00:00Z"));
            stream.put(shard.shardId(), order.orderId(), Json.MAPPER.writeValueAsString(order));
        }
        reader = stream.reader(shard, checkpoints, application.handler(), dir.resolve("dead-letter"), 10, metrics);
    }

    @AfterEach
    void stop() throws Exception {
        workshop.stop();
        camel.close();
        scheduler.shutdownNow();
        db.close();
    }

    /** "reloaded": a live reload of factories.camel.yaml as Camel does it (the file's routes removed, the file loaded), held open. */
    @ParameterizedTest
    @ValueSource(strings = {"stopped", "suspended", "reloaded"})
    void aBatchWaitsForItsRouteAndEveryOrderIsMadeOnceWhenItRunsAgain(String state) throws Exception {
        switch (state) {
            case "stopped" -> camel.getRouteController().stopRoute("factory-west");
            case "suspended" -> camel.getRouteController().suspendRoute("factory-west");
            default -> {
                for (String factory : FACTORIES) { // a saved file's routes are removed, then the file is loaded again
                    camel.getRouteController().stopRoute(factory);
                    camel.removeRoute(factory);
                }
            }
        }
        String route = state.equals("reloaded") ? "no route takes direct://factory-west" : "route factory-west is " + state;
        RoutesHealthCheck health = new RoutesHealthCheck(new RouteHolds(camel, metrics.routeWaits()));

        for (int i = 0; i < 12; i++) {
            assertThat(ShardReaderPoisonTest.step(reader)).as("attempt " + i).isEqualTo(ShardReader.Step.FAILED);
        }
        assertThat(checkpoints.load("app", "Stream", shard.shardId())).as("the checkpoint waits").isEmpty();
        assertThat(deadLetters()).as("a stopped route is no order's fault").isEmpty();
        HealthCheck.Result waiting = health.call();
        assertThat(waiting.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(waiting.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .startsWith(route + ": app holds its batch on shard shardId-0 since "));

        switch (state) {
            case "stopped" -> camel.getRouteController().startRoute("factory-west");
            case "suspended" -> camel.getRouteController().resumeRoute("factory-west");
            default -> PluginHelper.getRoutesLoader(camel).loadRoutes(factories());
        }
        assertThat(ShardReaderPoisonTest.stepUntil(reader, ShardReader.Step.IDLE, 20)).isEqualTo(ShardReader.Step.IDLE);

        assertThat(jobsStarted).as("every order made once").hasSize(ORDERS).doesNotHaveDuplicates();
        assertThat(deadLetters()).isEmpty();
        assertThat(checkpoints.load("app", "Stream", shard.shardId())).hasValueSatisfying(checkpoint ->
                assertThat(checkpoint.sequenceNumber()).isEqualTo(stream.lastSequenceNumber(shard.shardId())));
        assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    private Resource factories() {
        return ResourceHelper.resolveResource(camel, "file:routes/factories.camel.yaml");
    }

    private RoboTailor robot() {
        return new RoboTailor() {
            @Override
            public void start(Job job, Listener listener) {
                jobsStarted.add(job.id());
            }

            @Override
            public JobState state(String jobId) {
                return JobState.UNKNOWN;
            }
        };
    }

    private static RecordProducer acknowledgingProducer() {
        return new RecordProducer() {
            @Override
            public CompletableFuture<ProducedRecord> send(String stream, String key, byte[] data) {
                return CompletableFuture.completedFuture(new ProducedRecord("shardId-0", "1", 1));
            }

            @Override
            public void flush() {
            }
        };
    }

    private List<Path> deadLetters() throws Exception {
        Path letters = dir.resolve("dead-letter");
        if (!Files.isDirectory(letters)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(letters)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
