package com.chief.sink.s3;

import com.chief.kinesis.Deaggregation;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * Walking-skeleton archive: every order of {@code OrdersStream}, de-aggregated, to S3 under a
 * deterministic key, so reading the stream again rewrites the same objects instead of adding copies.
 */
public class OrderArchiveRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(aws2Kinesis("{{chief.kinesis.orders-stream}}")
                .iteratorType("TRIM_HORIZON")
                .maxResultsPerRequest("{{chief.kinesis.poll-max-records}}")
                .delay("{{chief.kinesis.poll-delay-ms}}")
                .shardClosed("ignore")
                .advanced()
                .amazonKinesisClient("#kinesisClient"))
                .routeId("archive-orders")
                .split(method(Deaggregation.class, "userRecords"))
                    .setHeader(AWS2S3Constants.KEY, method(ArchiveKeys.class, "orderKey"))
                    .setBody(simple("${body.data}"))
                    .to(aws2S3("{{chief.s3.bucket}}")
                            .advanced()
                            .amazonS3Client("#s3Client"))
                .end();
    }
}
