package com.chief.tailor;

import org.apache.camel.builder.RouteBuilder;

/**
 * The order-factory route ({@link OrderFactoryApplication}): each batch of orders is de-duplicated and every
 * order goes to the factory of its zone ({@code direct:factory-<zone>}). Factories are instances
 * of the {@code robo-factory} template, declared in {@code routes/factories.camel.yaml}, so an
 * operator adds a factory or changes its robot count there. An order no robot of its factory can
 * take is dead-lettered; any other failure fails the batch, which is offered again (no checkpoint
 * moves). A factory route that takes no orders (stopped, suspended, reloaded, or missing from the
 * YAML) fails the batch too: that is the route's outage, not the order's ({@code SystemFailures}),
 * so the batch waits for it.
 */
public class OrderFactoryRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // failures go back to the shard reader, which retries the batch

        routeTemplate("robo-factory")
                .templateParameter("factoryId", null, "factory id, e.g. factory1")
                .templateParameter("zone", null, "the zone it serves, e.g. west")
                .templateParameter("robots", "6", "number of robo-tailors")
                .from("direct:factory-{{zone}}")
                .bean("workshop", "accept(${body}, ${exchangeProperty." + OrderBatches.SHARD + "}, '{{factoryId}}', {{robots}})");

        from("direct:" + OrderFactoryApplication.ROUTE)
                .routeId(OrderFactoryApplication.ROUTE)
                .bean("orderBatches", "unseen")
                .split(body())
                    .doTry()
                        .toD("direct:factory-${body.zone()}")
                    .doCatch(UnroutableOrderException.class)
                        .bean("orderBatches", "deadLetter")
                    .end()
                .end()
                .bean("orderBatches", "remember");
    }
}
