package com.chief.consume;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while a polling application of this instance is refused because another live instance runs it. */
public final class OwnershipHealthCheck extends AbstractHealthCheck {

    private final List<OwnedConsumer> consumers;

    public OwnershipHealthCheck(List<OwnedConsumer> consumers) {
        super("chief", "chief-consumer-ownership");
        this.consumers = consumers;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String problems = consumers.stream().filter(OwnedConsumer::isStarted).map(OwnedConsumer::problem)
                .filter(Objects::nonNull).collect(Collectors.joining("; "));
        if (problems.isEmpty()) {
            builder.message("every polling application of this instance is owned by it").up();
        } else {
            builder.message(problems).down();
        }
    }
}
