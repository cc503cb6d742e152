package com.chief.sink.search;

import org.apache.camel.builder.RouteBuilder;

/** Every bulk request of the search applications goes through this route (camel-opensearch). */
public class SearchRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // the application retries the batch; its checkpoint waits

        from("direct:search-bulk")
                .routeId("search-bulk")
                .to("opensearch://chief"
                        + "?operation=Bulk");
    }
}
