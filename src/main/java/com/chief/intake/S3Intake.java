package com.chief.intake;

import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 inbox's step of the {@code s3-intake} route: one object from the aws2-s3 consumer (its key
 * and open body) through the same {@link FileIntake} as a drop-folder file. Objects waiting for a
 * retry are skipped until their pause is over ({@link IntakeRetries}); "folder" keys are ignored.
 */
public final class S3Intake implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(S3Intake.class);
    private static final String KEY = "CamelAwsS3Key";
    private static final String ETAG = "CamelAwsS3ETag";

    private final FileIntake intake;
    private final S3Client s3;
    private final S3Inbox inbox;
    private final IntakeRetries retries;

    public S3Intake(FileIntake intake, S3Client s3, S3Inbox inbox, IntakeRetries retries) {
        this.intake = intake;
        this.s3 = s3;
        this.inbox = inbox;
        this.retries = retries;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String key = exchange.getIn().getHeader(KEY, String.class);
        if (key == null || key.endsWith("/")) {
            return;
        }
        S3ObjectSource source = new S3ObjectSource(s3, inbox, key, exchange.getIn().getHeader(ETAG, String.class),
                exchange.getIn().getBody(InputStream.class));
        if (!retries.ready(source.location())) {
            LOG.trace("{}: waiting for its next attempt", source.location());
            return;
        }
        intake.process(source);
    }

    public S3Inbox inbox() {
        return inbox;
    }
}
