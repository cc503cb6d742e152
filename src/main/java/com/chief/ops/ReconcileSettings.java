package com.chief.ops;

import static com.chief.settings.ChiefKeys.RECONCILE_RECHECK_HOURS;
import static com.chief.settings.ChiefKeys.RECONCILE_SETTLE_SECONDS;
import static com.chief.settings.ChiefKeys.RECONCILE_WINDOW_HOURS;

import com.chief.settings.Settings;
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
        Settings settings = new Settings(properties);
        return new ReconcileSettings(settings.get(RECONCILE_WINDOW_HOURS),
                Duration.ofSeconds(settings.get(RECONCILE_SETTLE_SECONDS)),
                Duration.ofHours(settings.get(RECONCILE_RECHECK_HOURS)));
    }
}
