package com.chief.consume;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code chief-routes}: DOWN while an application's batch waits for a route that takes no work (an
 * operator stopped or suspended it, a live reload removed it), naming the route and who it holds;
 * nothing is lost meanwhile, the batch and its checkpoint wait. UP otherwise.
 */
public final class RoutesHealthCheck extends AbstractHealthCheck {

    private final RouteHolds holds;

    public RoutesHealthCheck(RouteHolds holds) {
        super("chief", "chief-routes");
        this.holds = holds;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<RouteHolds.Hold> now = holds.current();
        if (now.isEmpty()) {
            builder.message("no application waits for a route").up();
        } else {
            builder.message(now.stream().map(RouteHolds.Hold::describe).collect(Collectors.joining("; "))).down();
        }
    }
}
