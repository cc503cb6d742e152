package com.chief.consume;

import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * Which route holds which application: each {@link RouteWaits.Wait} with the route that consumes the
 * endpoint it waits on and that route's state now, e.g. "route factory-west is stopped: order-factory
 * holds its batch on shard shardId-000000000001 since …". For the health check and the status page.
 */
public final class RouteHolds {

    /** {@code route}: the route and its state in words ("route factory-west is stopped"). */
    public record Hold(String route, String application, String shardId, Instant since) {

        public String describe() {
            return route + ": " + application + " holds its batch on shard " + shardId + " since " + since;
        }
    }

    private final CamelContext context;
    private final RouteWaits waits;

    public RouteHolds(CamelContext context, RouteWaits waits) {
        this.context = context;
        this.waits = waits;
    }

    public List<Hold> current() {
        return waits.current().stream()
                .map(wait -> new Hold(route(wait), wait.application(), wait.shardId(), wait.since())).toList();
    }

    private String route(RouteWaits.Wait wait) {
        if (wait.endpoint() == null) {
            return "a route is stopping (" + wait.reason() + ")";
        }
        return context.getRoutes().stream().filter(route -> wait.endpoint().equals(route.getEndpoint().toString()))
                .findFirst().map(this::state)
                .orElse("no route takes " + wait.endpoint()); // removed (a live reload, a factory taken out of the YAML)
    }

    private String state(Route route) {
        ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
        String state = status == null ? "unknown" : status.name().toLowerCase();
        return "route " + route.getRouteId() + " is " + state;
    }
}
