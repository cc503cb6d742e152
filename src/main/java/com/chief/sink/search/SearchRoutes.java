package com.chief.sink.search;

import org.apache.camel.builder.RouteBuilder;

/** Every bulk request to the search engine goes through this route: camel-opensearch or camel-elasticsearch. */
public class SearchRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // the application retries the batch; its checkpoint waits

        from(SearchApplication.BULK_ENDPOINT)
                .routeId("search-bulk")
                .to("{{chief.search.engine}}://chief"
                        + "?operation=Bulk");
    }
}
