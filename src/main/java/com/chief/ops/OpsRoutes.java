package com.chief.ops;

import com.chief.management.OpsAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * Chief's operations API on the management port, {@code /ops/*}: JSON in and out, every request
 * checked by {@link OpsAccess} first (reads, or actions that change a sink). The same operations
 * are commands of the jar ({@link OpsCommand}), which call this API on a running Chief.
 */
public class OpsRoutes extends RouteBuilder {

    /** The registry name of the {@link OpsAccess} that guards every operation. */
    public static final String ACCESS = "opsAccess";

    @Override
    public void configure() {
        deadLetters();
        orderTrace();
        rebuild();
        reconcile();
    }

    /** {@code GET /ops/dead-letters}: per application, count, top reasons, oldest, newest; and their replay. */
    private void deadLetters() {
        read("dead-letters", "ops-dead-letters")
                .process(answering(exchange -> new Answer(200, lookup(DeadLetterShelf.class).summary().toString())));
        act("dead-letters/{application}/replay", "POST", "ops-dead-letters-replay")
                .process(answering(exchange -> {
                    DeadLetterReplay replay = lookup(DeadLetterReplay.class);
                    String application = query(exchange, "application");
                    if (!replay.knows(application)) {
                        return new Answer(404, OpsJson.error("no application " + application));
                    }
                    Optional<Instant> since;
                    try {
                        since = Optional.ofNullable(query(exchange, "since")).map(Instant::parse);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("since must be an ISO instant, e.g. 2026-12-06T10:00:00Z");
                    }
                    return new Answer(200, replay.replay(application, since, Optional.ofNullable(query(exchange, "id"))).toString());
                }));
    }

    /** {@code GET /ops/orders/{orderId}}: where the order is, read from the sinks; 404 when it is nowhere. */
    private void orderTrace() {
        read("orders/{orderId}", "ops-order-trace")
                .process(answering(exchange -> {
                    var document = lookup(OrderTrace.class).trace(query(exchange, "orderId")); // an invalid id: a 400
                    return new Answer(document.path("found").asBoolean() ? 200 : 404, document.toString());
                }));
    }

    /** Rebuild a sink from the archive: started in the background (one run per sink), its progress read back. */
    private void rebuild() {
        act("rebuild/{sink}", "POST", "ops-rebuild")
                .process(answering(exchange -> {
                    Rebuild rebuild = lookup(Rebuild.class);
                    return rebuild.start(query(exchange, "sink"), range(exchange))
                            .map(progress -> new Answer(202, progress.toJson()))
                            .orElseGet(() -> new Answer(409, OpsJson.error("a rebuild of " + query(exchange, "sink")
                                    + " is running: GET /ops/rebuild/" + query(exchange, "sink"))));
                }));
        read("rebuild/{sink}", "ops-rebuild-progress")
                .process(answering(exchange -> lookup(Rebuild.class).progress(query(exchange, "sink"))
                        .map(progress -> new Answer(200, progress.toJson()))
                        .orElseGet(() -> new Answer(404, OpsJson.error("no rebuild of " + query(exchange, "sink")
                                + " since this instance started")))));
    }

    /** Reconcile the archive with the sinks: a read-only check, a repair (login), the last result (status page), the schedule. */
    private void reconcile() {
        read("reconcile", "ops-reconcile")
                .process(answering(exchange -> new Answer(200, lookup(Reconciliation.class)
                        .run(range(exchange), "true".equals(query(exchange, "changed-only")), false).toJson())));
        act("reconcile", "POST", "ops-reconcile-repair")
                .process(answering(exchange -> new Answer(200, lookup(Reconciliation.class)
                        .run(range(exchange), "true".equals(query(exchange, "changed-only")),
                                "true".equals(query(exchange, "repair"))).toJson())));
        read("reconcile/last", "ops-reconcile-last")
                .process(answering(exchange -> lookup(Reconciliation.class).last()
                        .map(report -> new Answer(200, report.toJson()))
                        .orElseGet(() -> new Answer(404, OpsJson.error("no reconciliation since this instance started")))));

        from("quartz://chief/reconcile"
                + "?cron=RAW({{chief.reconcile.cron}})"
                + "&stateful=true")
                .routeId("reconcile-schedule")
                .bean("reconciliation", "scheduled");
    }

    private static HourRange range(Exchange exchange) {
        return HourRange.parse(query(exchange, "from"), query(exchange, "to"), Clock.systemUTC());
    }

    private static String query(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    private <T> T lookup(Class<T> type) {
        return getCamelContext().getRegistry().findSingleByType(type);
    }

    /** An operation's HTTP answer. */
    record Answer(int status, String json) {
    }

    interface Operation {
        Answer answer(Exchange exchange) throws Exception;
    }

    /** Runs an operation and answers with its status and JSON; a bad argument is a 400. */
    private static Processor answering(Operation operation) {
        return exchange -> {
            Answer answer;
            try {
                answer = operation.answer(exchange);
            } catch (IllegalArgumentException badRequest) {
                answer = new Answer(400, OpsJson.error(badRequest.getMessage()));
            }
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
            exchange.getMessage().setBody(answer.json());
        };
    }

    /** A GET operation at {@code /ops/<path>} that only reads. */
    RouteDefinition read(String path, String routeId) {
        return operation(path, "GET", routeId, false);
    }

    /** An operation at {@code /ops/<path>} that changes a sink (replay, rebuild, repair): an operator's login. */
    RouteDefinition act(String path, String method, String routeId) {
        return operation(path, method, routeId, true);
    }

    private RouteDefinition operation(String path, String method, String routeId, boolean action) {
        OpsAccess access = getCamelContext().getRegistry().lookupByNameAndType(ACCESS, OpsAccess.class);
        RouteDefinition route = from("platform-http:/ops/" + path
                + "?httpMethodRestrict=" + method)
                .routeId(routeId);
        route.process(action ? access.acting() : access.reading())
                .setHeader("Content-Type", constant("application/json"))
                .setHeader("Cache-Control", constant("no-store"));
        return route;
    }
}
