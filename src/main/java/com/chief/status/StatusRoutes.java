package com.chief.status;

import org.apache.camel.builder.RouteBuilder;

/**
 * A small live status page on the management port ({@code /status}) for people running the local
 * profile without Kibana; it polls {@code /status/data.json}, built from Chief's own metrics.
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
    }
}
