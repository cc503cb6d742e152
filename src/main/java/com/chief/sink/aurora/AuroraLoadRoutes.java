package com.chief.sink.aurora;

import org.apache.camel.builder.RouteBuilder;

/**
 * The scheduled load of the S3 archive into the database ({@code chief.aurora.cron}, Quartz).
 * Stateful, so a run that takes longer than the interval is not overlapped by the next one;
 * across instances the loader's database lease does the same.
 */
public class AuroraLoadRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // a failed run is logged; the next run starts over from the manifest

        from("quartz://chief/aurora-load"
                + "?cron=RAW({{chief.aurora.cron}})"
                + "&stateful=true")
                .routeId("aurora-load")
                .autoStartup("{{chief.aurora.enabled}}")
                .bean("auroraLoader", "run");
    }
}
