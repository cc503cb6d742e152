package com.chief.ops;

import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;

/**
 * {@code chief.reconcile.*}: the scheduled window (hours back from now), how long after an archive
 * object is written its hour counts as settled (the sinks lag: the load's schedule, search's refresh),
 * and how often a scheduled run reads every hour again instead of only the changed ones.
 * The cron ({@code chief.reconcile.cron}) is read by the route itself.
 */
public record ReconcileSettings(int windowHours, Duration settle, Duration recheck) {

    public static ReconcileSettings from(PropertiesComponent properties) {
        return new ReconcileSettings(
                Integer.parseInt(value(properties, "chief.reconcile.window-hours")),
                Duration.ofSeconds(Long.parseLong(value(properties, "chief.reconcile.settle-seconds"))),
                Duration.ofHours(Long.parseLong(value(properties, "chief.reconcile.recheck-hours"))));
    }

    private static String value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElseThrow(() -> new IllegalStateException(key + " is not set")).strip();
    }
}
