package com.chief.sink.search;

import org.apache.camel.builder.RouteBuilder;

/**
 * Operations' files (intake rejects, SLA breach notices) indexed for the dashboards by instances
 * of the {@code operations-index} template: a file is read again until it is indexed (a failure
 * is retried at the next poll), and again when it changes.
 */
public class OperationsIndexRoutes extends RouteBuilder {

    @Override
    public void configure() {
        routeTemplate("operations-index")
                .templateParameter("folder")
                .templateParameter("include")
                .templateParameter("kind")
                .from("file:{{folder}}"
                        + "?include={{include}}"
                        + "&noop=true"
                        + "&idempotentKey=${file:name}-${file:modified}"
                        + "&idempotentRepository=#operationsIndexed"
                        + "&delay=5000")
                .bean("operationsIndex", "index(${header.CamelFileAbsolutePath}, '{{kind}}')");

        templatedRoute("operations-index")
                .routeId("search-index-rejects")
                .parameter("folder", "{{chief.intake.rejected-dir}}")
                .parameter("include", ".*\\.rejects\\.ndjson")
                .parameter("kind", "rejects");
        templatedRoute("operations-index")
                .routeId("search-index-sla-breaches")
                .parameter("folder", "{{chief.outbox.operations-dir}}")
                .parameter("include", "sla-breach-.*\\.json")
                .parameter("kind", "sla-breach");
    }
}
