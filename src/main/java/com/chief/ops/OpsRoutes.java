package com.chief.ops;

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
        // each operation's routes follow, one block per operation
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
