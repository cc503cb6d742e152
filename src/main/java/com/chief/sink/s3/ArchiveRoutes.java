package com.chief.sink.s3;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * Where the archive applications put their objects: one route, so an operator can see (and in
 * YAML, redirect) every archive write. Errors go back to the application, whose checkpoint waits.
 */
public class ArchiveRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from(direct("archive-put"))
                .routeId("archive-put")
                .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                .setHeader(AWS2S3Constants.CONTENT_TYPE, constant("application/x-ndjson"))
                .setHeader(AWS2S3Constants.CONTENT_LENGTH, simple("${body.content.length}"))
                .setBody(simple("${body.content}"))
                .to("aws2-s3://{{chief.s3.bucket}}"
                        + "?amazonS3Client=#s3Client"
                        + "&useAwsKMS={{chief.s3.use-kms}}"
                        + "&awsKMSKeyId={{chief.s3.kms-key-id}}");
    }
}
