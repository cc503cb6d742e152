package com.chief.e2e;

import com.chief.local.LocalCredentials;
import com.chief.local.S3ProxyServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The end-to-end tests' view of Chief's S3 archive: what landed there, read back object by object. */
final class ArchiveBucket {

    private static final String BUCKET = "chief-archive";

    private ArchiveBucket() {
    }

    /** A client of the S3 server on {@code port}, with the local stack's keys. */
    static S3Client client(int port) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:" + port))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .build();
    }

    /** How many objects are under {@code prefix}; 0 while the bucket or the server is not there. */
    static long count(S3Client s3, String prefix) {
        try {
            return objects(s3, prefix).size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static List<S3Object> objects(S3Client s3, String prefix) {
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            return List.of();
        }
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }

    /** Every non-blank line of every object under {@code prefix} (gzipped ones unpacked). */
    static List<String> lines(S3Client s3, String prefix) throws Exception {
        return lines(s3, objects(s3, prefix));
    }

    /**
     * {@link #lines}, once no put is under way there (S3Proxy lists one as an object of its own until it is renamed
     * to its key); empty until then. For tests that wait on a few objects being written now, not for the census,
     * which counts leftovers too.
     */
    static List<String> finishedLines(S3Client s3, String prefix) throws Exception {
        List<S3Object> objects = objects(s3, prefix);
        if (objects.stream().anyMatch(object -> S3ProxyServer.isUnfinishedPut(object.key()))) {
            return List.of();
        }
        return lines(s3, objects);
    }

    private static List<String> lines(S3Client s3, List<S3Object> objects) throws Exception {
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects) {
            InputStream in = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key())).asInputStream();
            if (object.key().endsWith(".gz")) {
                in = new GZIPInputStream(in);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().filter(line -> !line.isBlank()).forEach(lines::add);
            }
        }
        return lines;
    }
}
