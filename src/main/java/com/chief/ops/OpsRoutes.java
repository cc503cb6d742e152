package com.chief.ops;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.camel.Exchange;
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

    /** Registry names of the services behind the operations. */
    public static final String DEAD_LETTER_SHELF = "deadLetterShelf";
    public static final String DEAD_LETTER_REPLAY = "deadLetterReplay";
    public static final String ORDER_TRACE = "orderTrace";

    @Override
    public void configure() {
        // each operation's routes follow, one block per operation
        deadLetters();
        orderTrace();
    }

    /** {@code GET /ops/dead-letters}: per application, count, top reasons, oldest, newest; and their replay. */
    private void deadLetters() {
        DeadLetterShelf shelf = bean(DEAD_LETTER_SHELF, DeadLetterShelf.class);
        DeadLetterReplay replay = bean(DEAD_LETTER_REPLAY, DeadLetterReplay.class);
        read("dead-letters", "ops-dead-letters")
                .process(exchange -> exchange.getMessage().setBody(shelf.summary().toString()));
        act("dead-letters/{application}/replay", "POST", "ops-dead-letters-replay")
                .process(exchange -> {
                    var in = exchange.getMessage();
                    String application = in.getHeader("application", String.class);
                    if (!replay.knows(application)) {
                        answer(exchange, 404, OpsJson.error("no application " + application));
                        return;
                    }
                    Optional<Instant> since;
                    try {
                        since = Optional.ofNullable(in.getHeader("since", String.class)).map(Instant::parse);
                    } catch (DateTimeParseException e) {
                        answer(exchange, 400, OpsJson.error("since must be an ISO instant, e.g. 2026-12-06T10:00:00Z"));
                        return;
                    }
                    in.setBody(replay.replay(application, since, Optional.ofNullable(in.getHeader("id", String.class))).toString());
                });
    }

    /** {@code GET /ops/orders/{orderId}}: where the order is, read from the sinks; 404 when it is nowhere. */
    private void orderTrace() {
        OrderTrace trace = bean(ORDER_TRACE, OrderTrace.class);
        read("orders/{orderId}", "ops-order-trace")
                .process(exchange -> {
                    String orderId = exchange.getMessage().getHeader("orderId", String.class);
                    String invalid = OrderTrace.invalid(orderId);
                    if (invalid != null) {
                        answer(exchange, 400, OpsJson.error(invalid));
                        return;
                    }
                    var document = trace.trace(orderId);
                    answer(exchange, document.path("found").asBoolean() ? 200 : 404, document.toString());
                });
    }

    private static void answer(Exchange exchange, int status, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
    }

    private <T> T bean(String name, Class<T> type) {
        T bean = getCamelContext().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("no " + name + " in the registry");
        }
        return bean;
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
