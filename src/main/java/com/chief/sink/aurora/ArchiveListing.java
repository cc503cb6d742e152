package com.chief.sink.aurora;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archive objects of the last {@code lookbackDays} UTC days, listed per day prefix
 * ({@code orders/yyyy/MM/dd/}, {@code job-results/yyyy/MM/dd/}): listing is cheap metadata, and
 * older days are left alone, so a run never walks the whole archive.
 */
public final class ArchiveListing {

    public static final String ORDERS = "orders";
    public static final String JOB_RESULTS = "job-results";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final S3Client s3;
    private final String bucket;
    private final int lookbackDays;
    private final Clock clock;

    public ArchiveListing(S3Client s3, String bucket, int lookbackDays, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.lookbackDays = lookbackDays;
        this.clock = clock;
    }

    /** Day prefixes, oldest first: orders before job results of the same day. */
    public List<String> dayPrefixes() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<String> prefixes = new ArrayList<>();
        for (int back = lookbackDays; back >= 0; back--) {
            String day = DAY.format(today.minusDays(back));
            prefixes.add(ORDERS + "/" + day + "/");
            prefixes.add(JOB_RESULTS + "/" + day + "/");
        }
        return prefixes;
    }

    public List<StoredObject> list(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            objects.add(new StoredObject(object.key(), object.eTag(), object.size(), object.lastModified()));
        }
        return objects;
    }
}
