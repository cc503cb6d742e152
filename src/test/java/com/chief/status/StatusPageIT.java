package com.chief.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.consume.ConsumerMetrics;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.RouteHolds;
import com.chief.consume.UserRecord;
import com.chief.model.Json;
import com.chief.support.Chromium;
import com.chief.support.FreePorts;
import com.chief.support.MovableClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The status page in headless Chromium against StatusRoutes on a real HTTP server, fed by a meter
 * registry that went through an hour of simulated work, and by stand-ins of the operations API
 * (dead letters, the last reconciliation, an order's trace) in the shapes those endpoints answer.
 * Screenshot: target/status-page-flow.png.
 */
class StatusPageIT {

    private static final String ORDER_ID = "ord-000123";

    @TempDir
    Path dir;

    private DefaultCamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void anOperatorSeesTheFlowTheLastHourDeadLettersReconciliationAndAnOrdersTrace() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Instant now = Instant.now();
        // the hour is sampled on whole minutes, the last at the start of the current one; then the clock shows now
        Instant thisMinute = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        MovableClock clock = new MovableClock(thisMinute.minus(Duration.ofMinutes(59)));
        Path inbox = Files.createDirectories(dir.resolve("inbox/orders"));
        dropFile(inbox.resolve("store-17.json"), now.minus(Duration.ofMinutes(3)));
        dropFile(inbox.resolve("store-18.json"), now.minusSeconds(10));
        dropFile(inbox.resolve(".store-19.json"), now.minus(Duration.ofHours(2))); // being written: not waiting yet

        camel = new DefaultCamelContext();
        ConsumerMetrics consumers = new ConsumerMetrics(meters);
        PipelineFlow flow = new PipelineFlow(meters, new PipelineFlow.Sources(inbox, dir.resolve("inbox/job-results"),
                "OrdersStream", "JobResultsStream"), clock);
        StatusSnapshot snapshot = new StatusSnapshot(meters, new RouteHolds(camel, consumers.routeWaits()), flow, clock);
        long accepted = simulateAnHour(meters, snapshot, clock);
        clock.advance(Duration.between(thisMinute, now));
        consumersAtWork(consumers, now);

        int port = serve(camel);
        camel.getRegistry().bind("statusSnapshot", snapshot);
        camel.addRoutes(new StatusRoutes());
        camel.addRoutes(new OperationsApiStandIn());
        camel.start();

        Path screenshot = Path.of("target", "status-page-flow.png").toAbsolutePath();
        JsonNode seen = look(port, screenshot.toString());

        assertThat(seen.path("problems")).as("script errors on the page").isEmpty();
        assertThat(seen.path("at").asText()).startsWith("as of ");
        assertThat(seen.at("/lanes/0/name").asText()).isEqualTo("Orders");
        assertThat(seen.at("/lanes/0/steps").toString())
                .isEqualTo("[[\"intake-orders\"],[\"stream-OrdersStream\"],[\"order-factory\",\"order-archive\",\"order-search\"]]");
        assertThat(seen.at("/lanes/1/steps").toString()).isEqualTo("[[\"robo-tailors\",\"intake-job-results\"],"
                + "[\"stream-JobResultsStream\"],[\"jobresult-archive\",\"jobresult-search\",\"jobresult-notify\"]]");
        assertThat(seen.at("/lanes/2/steps").toString()).isEqualTo("[[\"s3-archive\"],[\"aurora-load\"]]");

        JsonNode intake = seen.at("/stages/intake-orders");
        assertThat(intake.path("out").asText()).isEqualTo(String.format("%,d", accepted));
        assertThat(intake.path("waiting").asText()).as("files in the drop folder").isEqualTo("2");
        assertThat(intake.path("oldest").asText()).isEqualTo("3 min 0 s");
        assertThat(intake.path("oldestClass").asText()).contains("warn");

        JsonNode archive = seen.at("/stages/order-archive");
        assertThat(archive.path("in").asText()).isEqualTo("5");
        assertThat(archive.path("out").asText()).isEqualTo("5");
        assertThat(archive.path("waiting").asText()).as("handed over, not yet checkpointed").isEqualTo("3");
        // 95 s when the records were handed over, counted on the real clock up to the browser's look
        assertThat(archive.path("oldest").asText()).matches("[12] min \\d+ s");
        assertThat(archive.path("oldestClass").asText()).contains("warn");
        assertThat(seen.at("/stages/order-search/waiting").asText()).isEqualTo("0");
        assertThat(seen.at("/stages/order-search/oldest").asText()).isEqualTo("–");
        assertThat(seen.at("/stages/aurora-load/figures").asText()).contains("last run: rows 1,800");
        assertThat(seen.at("/stages/aurora-load/oldest").asText()).isEqualTo("40 s");
        assertThat(seen.at("/stages/aurora-load/oldestClass").asText()).as("usual between two loads").doesNotContain("warn");

        for (String chart : List.of("accepted", "rejected", "archived", "searchable", "loaded", "notifications")) {
            assertThat(seen.at("/charts/" + chart + "/bars").asInt()).as(chart).isEqualTo(60);
        }
        assertThat(seen.at("/charts/accepted/drawn").asInt()).as("minutes with orders").isGreaterThan(20);
        assertThat(seen.at("/charts/accepted/total").asText()).isEqualTo(String.format("%,d", accepted));
        assertThat(seen.at("/charts/loaded/drawn").asInt()).as("a load every 5 minutes").isBetween(10, 13);
        assertThat(seen.at("/headline/ordersLastHour").asText()).isEqualTo(String.format("%,d", accepted));

        assertThat(seen.path("deadLetters").toString()).contains("jobresult-notify").contains("webhook refused: 410 Gone");
        assertThat(seen.path("reconciliation").toString()).contains("search").contains("database").contains("ord-000099");
        assertThat(seen.path("trace").toString()).isEqualTo("[{\"stage\":\"intake\",\"found\":true},"
                + "{\"stage\":\"archive\",\"found\":true},{\"stage\":\"search\",\"found\":true},{\"stage\":\"database\",\"found\":false}]");
        assertThat(Files.size(screenshot)).isGreaterThan(30_000);
        assertThat(seen.path("tracePanel").asText()).startsWith("order ord-000123: 3 of 4 stages found");
    }

    @Test
    void withoutTheOperationsApiItsPanelsSayNotAvailableAndTheRestStillShows() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        camel = new DefaultCamelContext();
        ConsumerMetrics consumers = new ConsumerMetrics(meters);
        PipelineFlow flow = new PipelineFlow(meters, new PipelineFlow.Sources(dir.resolve("none"), dir.resolve("none"),
                "OrdersStream", "JobResultsStream"), java.time.Clock.systemUTC());
        camel.getRegistry().bind("statusSnapshot", new StatusSnapshot(meters, new RouteHolds(camel, consumers.routeWaits()),
                flow, java.time.Clock.systemUTC()));
        int port = serve(camel);
        camel.addRoutes(new StatusRoutes());
        camel.start();

        JsonNode seen = look(port, "target/status-page-without-ops.png");

        assertThat(seen.path("problems")).isEmpty();
        assertThat(seen.path("stages").size()).as("every stage, measured or not").isEqualTo(13);
        assertThat(seen.at("/charts/accepted/bars").asInt()).isEqualTo(60);
        assertThat(seen.at("/charts/accepted/drawn").asInt()).isZero();
        assertThat(seen.path("deadLetterPanel").asText()).isEqualTo("not available");
        assertThat(seen.path("reconcilePanel").asText()).isEqualTo("not available");
        assertThat(seen.path("tracePanel").asText()).isEqualTo("not available");
    }

    private static int serve(DefaultCamelContext camel) throws Exception {
        int port = FreePorts.next();
        MainHttpServer server = new MainHttpServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        camel.addService(server);
        return port;
    }

    /** What the browser saw after looking ORDER_ID up; the screenshot goes to {@code png}. */
    private static JsonNode look(int port, String png) throws Exception {
        Path screenshot = Path.of(png).toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        String printed = Chromium.run("status-page.mjs",
                List.of(URI.create("http://127.0.0.1:" + port + "/status").toString(), ORDER_ID, screenshot.toString()));
        System.out.println("Status page screenshot: " + screenshot);
        return Json.MAPPER.readTree(printed.lines().reduce((first, second) -> second).orElseThrow());
    }

    /**
     * An hour of work, a minute at a time: a burst of orders from minute 15 to 35, rejects, archive
     * and search following, a database load every 5 minutes, notifications. Returns the orders accepted.
     */
    private static long simulateAnHour(SimpleMeterRegistry meters, StatusSnapshot snapshot, MovableClock clock) {
        Counter produced = intake(meters, "produced");
        Counter read = intake(meters, "read");
        Counter rejected = intake(meters, "rejected");
        Counter archived = Counter.builder("chief.archive.records").tag("application", "order-archive").register(meters);
        Counter objects = Counter.builder("chief.archive.objects").tag("application", "order-archive").register(meters);
        Counter indexed = Counter.builder("chief.search.items").tag("writer", "order-search").tag("outcome", "indexed").register(meters);
        Counter loaded = Counter.builder("chief.aurora.rows").tag("result", "inserted").register(meters);
        Counter loadedObjects = Counter.builder("chief.aurora.objects.loaded").register(meters);
        Counter sent = Counter.builder("chief.notifications").tag("status", "Completed").tag("outcome", "sent").register(meters);
        AtomicLong lastRunRows = gauge(meters, "chief.aurora.last.run.rows", 0);
        gauge(meters, "chief.aurora.last.run.objects", 12);
        gauge(meters, "chief.aurora.pending.objects", 0);
        gauge(meters, "chief.aurora.lag.seconds", 40);
        gauge(meters, "chief.tailor.robot.load", 4, "factory", "factory1", "robot", "robot-1");
        Counter.builder("chief.tailor.jobs").tag("factory", "factory1").tag("robot", "robot-1").tag("status", "Pending")
                .register(meters).increment(40);
        Counter.builder("chief.tailor.jobs").tag("factory", "factory1").tag("robot", "robot-1").tag("status", "Completed")
                .register(meters).increment(36);
        long accepted = 0;
        for (int minute = 0; minute < 60; minute++) {
            clock.advance(Duration.ofSeconds(minute == 0 ? 0 : 60));
            long orders = minute >= 15 && minute < 35 ? 120 + 15L * (minute - 15) : minute % 3 == 0 ? 8 : 0;
            long bad = orders / 20;
            read.increment(orders + bad);
            produced.increment(orders);
            rejected.increment(bad);
            accepted += orders;
            archived.increment(orders);
            objects.increment(orders > 0 ? 1 : 0);
            indexed.increment(orders);
            sent.increment(orders / 4);
            if (minute % 5 == 4) {
                loaded.increment(1800);
                loadedObjects.increment(12);
                lastRunRows.set(1800);
            }
            snapshot.sample();
        }
        return accepted;
    }

    /** Held strongly: Micrometer keeps only a weak reference to what a gauge reads. */
    private static AtomicLong gauge(SimpleMeterRegistry meters, String name, long value, String... tags) {
        AtomicLong held = new AtomicLong(value);
        Gauge.builder(name, held, AtomicLong::get).tags(tags).strongReference(true).register(meters);
        return held;
    }

    private static Counter intake(SimpleMeterRegistry meters, String outcome) {
        return Counter.builder("chief.intake.records").tag("inbox", "orders").tag("outcome", outcome).register(meters);
    }

    /** order-archive holds 3 records it took (a buffering writer) since 95 s; order-search has checkpointed all. */
    private static void consumersAtWork(ConsumerMetrics consumers, Instant now) {
        ConsumerSettings archive = settings("order-archive");
        List<UserRecord> records = List.of(record("100", now.minusSeconds(120)), record("101", now.minusSeconds(110)),
                record("102", now.minusSeconds(95)), record("103", now.minusSeconds(90)), record("104", now.minusSeconds(30)));
        consumers.received(archive, "shardId-000000000000", records);
        consumers.processed(archive, 5);
        consumers.checkpointed(archive, "shardId-000000000000", new com.chief.consume.Checkpoint("101", 0));
        ConsumerSettings search = settings("order-search");
        consumers.received(search, "shardId-000000000000", records);
        consumers.processed(search, 5);
        consumers.checkpointed(search, "shardId-000000000000", new com.chief.consume.Checkpoint("104", 0));
    }

    private static ConsumerSettings settings(String application) {
        return new ConsumerSettings(application, "OrdersStream", ShardIteratorType.TRIM_HORIZON, 100, Duration.ofMillis(10),
                100, Duration.ofMillis(10), 3);
    }

    private static UserRecord record(String sequence, Instant arrival) {
        return new UserRecord("shardId-000000000000", "k", sequence, 0, arrival, new byte[0]);
    }

    private static void dropFile(Path file, Instant modified) throws Exception {
        Files.writeString(file, "{}\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    /** The operations API as the other parts of Chief answer it. */
    private static final class OperationsApiStandIn extends RouteBuilder {
        @Override
        public void configure() {
            json("dead-letters", "{\"applications\":[{\"application\":\"jobresult-notify\",\"count\":3,\"reasons\":["
                    + "{\"reason\":\"webhook refused: 410 Gone\",\"count\":2},{\"reason\":\"no such template\",\"count\":1}]},"
                    + "{\"application\":\"order-search\",\"count\":1,\"reasons\":[{\"reason\":\"mapper_parsing_exception\",\"count\":1}]}]}");
            json("reconcile/last", "{\"checkedAt\":\"2026-12-05T10:00:00Z\",\"from\":\"2026-12-05T08:00:00Z\","
                    + "\"to\":\"2026-12-05T09:55:00Z\",\"sinks\":{\"search\":{\"missing\":1,\"extra\":0,\"missingIds\":[\"ord-000099\"]},"
                    + "\"database\":{\"missing\":0,\"extra\":0,\"missingIds\":[]},\"notifications\":{\"missing\":0,\"extra\":0,\"missingIds\":[]}}}");
            from("platform-http:/ops/orders/{orderId}?httpMethodRestrict=GET")
                    .setHeader("Content-Type", constant("application/json"))
                    .process(exchange -> exchange.getMessage().setBody("{\"orderId\":\"" + exchange.getMessage().getHeader("orderId")
                            + "\",\"stages\":[{\"stage\":\"intake\",\"found\":true,\"file\":\"store-17.json\"},"
                            + "{\"stage\":\"archive\",\"found\":true,\"key\":\"orders/2026/12/05/09/shardId-0-1.json.gz\"},"
                            + "{\"stage\":\"search\",\"found\":true,\"status\":\"Completed\"},{\"stage\":\"database\",\"found\":false}]}"));
        }

        private void json(String path, String body) {
            from("platform-http:/ops/" + path + "?httpMethodRestrict=GET")
                    .setHeader("Content-Type", constant("application/json"))
                    .setBody(constant(body));
        }
    }
}
