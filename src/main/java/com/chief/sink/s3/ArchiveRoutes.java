package com.chief.sink.s3;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * Where the archive applications put their objects: one route, so an operator can see every
 * archive write, through the chief-s3-archive-sink Kamelet (kamelets/) that YAML routes can use
 * too. Errors go back to the application, whose checkpoint waits.
 */
public class ArchiveRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from(ArchiveApplication.PUT_ENDPOINT)
                .routeId("archive-put")
                .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                .setHeader(AWS2S3Constants.CONTENT_TYPE, constant(ArchiveFormat.CONTENT_TYPE))
                .setHeader(AWS2S3Constants.CONTENT_LENGTH, simple("${body.contentLength}"))
                .setBody(simple("${body.content}"))
                .to("kamelet:chief-s3-archive-sink"
                        + "?bucket={{chief.s3.bucket}}"
                        + "&useKms={{chief.s3.use-kms}}"
                        + "&kmsKeyId={{chief.s3.kms-key-id}}");
    }
}
