package com.chief.sink.aurora;

import org.apache.camel.builder.RouteBuilder;

/**
 * The scheduled load of the S3 archive into the database ({@code chief.aurora.cron}, Quartz).
 * Quartz is clustered on Chief's database ({@code config/QuartzCluster}): each scheduled time fires
 * on one instance, and stateful (non-concurrent) holds across instances, so a run that takes longer
 * than the interval is not overlapped by the next one anywhere. The loader's {@link LoadLease}
 * stays as a fence for what Quartz cannot see (see there).
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
