package com.chief.health;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one external system (Kinesis, S3, search, database). Not a liveness check: an
 * outage elsewhere is no reason to restart Chief.
 */
public final class ExternalSystemHealthCheck extends AbstractHealthCheck {

    private final String system;
    private final String endpoint;
    private final Probe probe;

    public ExternalSystemHealthCheck(String system, String endpoint, Probe probe) {
        super("chief", "chief-" + system);
        this.system = system;
        this.endpoint = endpoint;
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("endpoint", endpoint);
        try {
            builder.message(probe.check());
            builder.up();
        } catch (Exception e) {
            builder.message(system + " unavailable at " + endpoint.replaceFirst("^(jdbc:)?[a-z0-9]+://", "") + ": " + Reasons.of(e));
            builder.down();
        }
    }
}
