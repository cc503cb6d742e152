package com.chief.tailor;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;

/**
 * The order-factory route ({@link OrderFactoryApplication}): each batch of orders is de-duplicated and every
 * order goes to the factory of its zone ({@code direct:factory-<zone>}). Factories are instances
 * of the {@code robo-factory} template, declared in {@code routes/factories.camel.yaml}, so an
 * operator adds a factory or changes its robot count there. An order no factory can take is
 * dead-lettered; any other failure fails the batch, which is offered again (no checkpoint moves).
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
                    .doCatch(UnroutableOrderException.class, DirectConsumerNotAvailableException.class)
                        .bean("orderBatches", "deadLetter")
                    .end()
                .end()
                .bean("orderBatches", "remember");
    }
}
