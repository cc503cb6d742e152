package com.chief.tailor;

import org.apache.camel.builder.RouteBuilder;

/**
 * The order-factory route ({@link OrderFactoryApplication}): each batch of orders is de-duplicated,
 * grouped by zone, and each zone's orders go together to the factory of their zone
 * ({@code direct:factory-<zone>}, one exchange per zone and batch). Factories are instances of the
 * {@code robo-factory} template, declared in {@code routes/factories.camel.yaml}, so an operator adds
 * a factory or changes its robot count there. An order no robot of its factory can take is
 * dead-lettered; any other failure fails the batch, which is offered again (no checkpoint moves). A
 * factory route that takes no orders (stopped, suspended, reloaded, or missing from the YAML) fails
 * the batch too: that is the route's outage, not the order's ({@code SystemFailures}), so the batch
 * waits for it.
 */
public class OrderFactoryRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // failures go back to the shard reader, which retries the batch

        routeTemplate("robo-factory")
                .templateParameter("factoryId", null, "factory id, e.g. factory1")
                .templateParameter("zone", null, "the zone it serves, e.g. west")
                .templateParameter("robots", "6", "number of robo-tailors")
                .configure(DeclaredFactories::note)
                .from("direct:factory-{{zone}}")
                .setProperty(OrderBatches.FACTORY, constant("{{factoryId}}"))
                .setProperty(OrderBatches.ROBOTS, constant("{{robots}}"))
                .bean("orderBatches", "make");

        from("direct:" + OrderFactoryApplication.ROUTE)
                .routeId(OrderFactoryApplication.ROUTE)
                .bean("orderBatches", "unseen")
                .bean("orderBatches", "byZone")
                .split(body())
                    .toD("direct:factory-${body.zone()}")
                .end()
                .bean("orderBatches", "remember");
    }
}
