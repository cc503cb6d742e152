package com.chief.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Creates a bucket if it does not exist. */
final class S3Buckets {

    private static final Logger LOG = LoggerFactory.getLogger(S3Buckets.class);

    private S3Buckets() {
    }

    static void ensure(S3Client s3, String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return;
        } catch (NoSuchBucketException missing) {
            LOG.info("Creating S3 bucket {}", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            LOG.info("Creating S3 bucket {}", bucket);
        }
        s3.createBucket(r -> r.bucket(bucket));
    }
}
