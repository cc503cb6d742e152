package com.chief.retention;

import org.apache.camel.builder.RouteBuilder;

/**
 * The scheduled purges ({@code chief.retention.cron}): the tables on clustered Quartz ({@code quartz},
 * one instance per scheduled time, never two runs at once), each instance's own folders on its own
 * scheduler ({@code quartz-local}, see {@code config/QuartzCluster}).
 */
public class RetentionRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // a failed run is logged; the next one takes what is left

        from("quartz://chief/retention-purge"
                + "?cron=RAW({{chief.retention.cron}})"
                + "&stateful=true")
                .routeId("retention-purge")
                .autoStartup("{{chief.retention.enabled}}")
                .bean("retentionPurge", "run");

        from("quartz-local://chief/retention-purge-files"
                + "?cron=RAW({{chief.retention.cron}})"
                + "&stateful=true")
                .routeId("retention-purge-files")
                .autoStartup("{{chief.retention.enabled}}")
                .bean("retentionFolders", "run");
    }
}
