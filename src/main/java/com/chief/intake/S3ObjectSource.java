package com.chief.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An object in an S3 inbox, its body already opened by the aws2-s3 consumer. S3 cannot rename, so
 * archiving and setting aside copy the object, then delete it: a crash between the two leaves the
 * object in the inbox as well as in the archive, and it is read again (the consumers' dedupe absorbs
 * the records), never lost. Only the object read is moved: the copy is conditional on its ETag. A key
 * already taken in the archive (the same name dropped twice a day) gets a time stamp, as in the drop
 * folders. Single-request copy: objects up to 5 GB.
 */
final class S3ObjectSource implements IntakeSource {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final S3Inbox inbox;
    private final String key;
    private final String etag;
    private final InputStream body;

    /** {@code etag}: the ETag of the object as it was opened (null: unknown, then the copy is unconditional). */
    S3ObjectSource(S3Client s3, S3Inbox inbox, String key, String etag, InputStream body) {
        this.s3 = s3;
        this.inbox = inbox;
        this.key = key;
        this.etag = etag;
        this.body = body;
    }

    @Override
    public String name() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String location() {
        return "s3://" + inbox.bucket() + "/" + key;
    }

    @Override
    public boolean exists() {
        return body != null; // the consumer opened it after taking its lock; gone objects never reach the intake
    }

    @Override
    public Reader open() throws IOException, InboxFile.Unreadable {
        return InboxFile.decode(body);
    }

    @Override
    public String archive() throws IOException {
        String target = free(inbox.archiveKey(key));
        copyTo(target);
        delete();
        return "s3://" + inbox.bucket() + "/" + target;
    }

    @Override
    public String setAside(String reason) throws IOException {
        String target = free(inbox.errorKey(key));
        copyTo(target);
        try {
            s3.putObject(b -> b.bucket(inbox.bucket()).key(target + ".reason.txt").contentType("text/plain; charset=utf-8"),
                    RequestBody.fromString(reason + System.lineSeparator(), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
        delete();
        return "s3://" + inbox.bucket() + "/" + target;
    }

    /**
     * Copies the object only if it is still the one read (same ETag): one replaced under the same key
     * meanwhile is {@link SourceReplaced} and stays in the inbox. S3 has no conditional delete here, so
     * a replacement between the copy and the delete is not caught.
     */
    private void copyTo(String target) throws IOException {
        try {
            s3.copyObject(b -> b.sourceBucket(inbox.bucket()).sourceKey(key).copySourceIfMatch(etag)
                    .destinationBucket(inbox.bucket()).destinationKey(target));
        } catch (S3Exception e) {
            if (e.statusCode() == 412) { // PreconditionFailed: not the ETag read
                throw new SourceReplaced(location());
            }
            throw new IOException(e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void delete() throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(inbox.bucket()).key(key));
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The target key, or with a time stamp if an object is already there. */
    private String free(String target) throws IOException {
        try {
            s3.headObject(b -> b.bucket(inbox.bucket()).key(target));
            return target + "." + STAMP.format(inbox.clock().instant());
        } catch (NoSuchKeyException e) {
            return target;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return target;
            }
            throw new IOException(e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
