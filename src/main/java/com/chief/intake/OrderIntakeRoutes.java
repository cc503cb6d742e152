package com.chief.intake;

import com.chief.config.ChiefSettings;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;

/**
 * Walking-skeleton intake: JSON order files from the drop folder to {@code OrdersStream}, one
 * Kinesis record per order. A file is archived only after all its records were accepted; a file
 * that fails goes to the error folder.
 */
public class OrderIntakeRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        ChiefSettings.Intake intake = getCamelContext().getRegistry()
                .findSingleByType(ChiefSettings.class).intake();

        from(file(intake.ordersDir().toString())
                .antExclude("**/.*,**/*.tmp,**/*.part")
                .readLock("changed")
                .move(intake.archiveDir() + "/${date:now:yyyy/MM/dd}/${file:name}")
                .moveFailed(intake.errorDir() + "/${file:name}"))
                .routeId("intake-orders")
                .setBody(method(OrderRecords.class, "split"))
                .setHeader("orderCount", simple("${body.size}"))
                .split(body())
                    .setHeader(Kinesis2Constants.PARTITION_KEY, method(OrderRecords.class, "partitionKey"))
                    .to(aws2Kinesis("{{chief.kinesis.orders-stream}}")
                            .advanced()
                            .amazonKinesisClient("#kinesisClient"))
                .end()
                .log("${header.CamelFileName}: ${header.orderCount} orders produced to {{chief.kinesis.orders-stream}}");
    }
}
