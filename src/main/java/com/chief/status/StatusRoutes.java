package com.chief.status;

import org.apache.camel.builder.RouteBuilder;

/**
 * A live status page on the management port ({@code /status}): the pipeline as a flow, the last
 * hour in charts, dead letters, reconciliation and an order search. It polls {@code /status/data.json},
 * built from Chief's own metrics ({@link StatusSnapshot}), and calls the operations API ({@code /ops/*}).
 */
public class StatusRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/status"
                + "?httpMethodRestrict=GET")
                .routeId("status-page")
                .setHeader("Content-Type", constant("text/html; charset=UTF-8"))
                .setBody(constant(StatusPage.html()));

        from("platform-http:/status/data.json"
                + "?httpMethodRestrict=GET")
                .routeId("status-data")
                .setHeader("Content-Type", constant("application/json"))
                .setHeader("Cache-Control", constant("no-store"))
                .bean("statusSnapshot", "json");

        // the charts' minutes fill whether or not anyone is looking
        from("timer:status-sample?period=5000&delay=5000")
                .routeId("status-sample")
                .bean("statusSnapshot", "sample");
    }
}
