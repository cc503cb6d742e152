package com.chief.intake;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An S3 prefix read as an inbox ({@code chief.intake.*-s3-inbox = bucket/prefix}), and where its
 * objects go when done, in the same bucket: {@code <archivePrefix>yyyy/MM/dd/<name>} once every
 * record is acknowledged, {@code <errorPrefix><name>} with {@code <name>.reason.txt} when it cannot
 * be read through. {@code <name>} is the key below the inbox prefix. The archive and error prefixes
 * must lie outside the inbox prefix, or their objects would be read again; so the prefix is required.
 */
public record S3Inbox(String bucket, String prefix, String archivePrefix, String errorPrefix, Clock clock) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd/").withZone(ZoneOffset.UTC);

    public S3Inbox {
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("an S3 inbox is bucket/prefix, the bucket is missing");
        }
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("an S3 inbox is bucket/prefix, the prefix is missing (the archive and error"
                    + " prefixes are in the same bucket, so the whole bucket cannot be the inbox)");
        }
        if (archivePrefix.startsWith(prefix) || errorPrefix.startsWith(prefix)) {
            throw new IllegalArgumentException("the S3 inbox s3://" + bucket + "/" + prefix + " contains the archive prefix '"
                    + archivePrefix + "' or the error prefix '" + errorPrefix + "': its objects would be read again");
        }
    }

    /** {@code bucket/prefix} (a trailing slash is added to a non-empty prefix); empty: no S3 inbox. */
    public static java.util.Optional<S3Inbox> parse(String value, String archivePrefix, String errorPrefix, Clock clock) {
        String location = value.strip();
        if (location.startsWith("s3://")) {
            location = location.substring("s3://".length());
        }
        if (location.isEmpty()) {
            return java.util.Optional.empty();
        }
        int slash = location.indexOf('/');
        String bucket = slash < 0 ? location : location.substring(0, slash);
        String prefix = slash < 0 ? "" : location.substring(slash + 1);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        return java.util.Optional.of(new S3Inbox(bucket, prefix, archivePrefix, errorPrefix, clock));
    }

    /** The key below the inbox prefix, kept in the archive and error keys. */
    String relative(String key) {
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }

    String archiveKey(String key) {
        return archivePrefix + DAY.format(clock.instant()) + relative(key);
    }

    String errorKey(String key) {
        return errorPrefix + relative(key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
