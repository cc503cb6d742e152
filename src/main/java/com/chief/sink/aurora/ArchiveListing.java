package com.chief.sink.aurora;

import com.chief.sink.s3.ArchiveLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the archive bucket holds, as S3 lists it: forward from an arrival hour (keys sort by arrival
 * hour, so a run lists only what came in since the last one), one hour, or one key.
 */
public final class ArchiveListing {

    private final S3Client s3;
    private final String bucket;

    public ArchiveListing(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The objects under {@code prefix} from {@code hour} on; with no hour, all of them. */
    public List<StoredObject> listFrom(String prefix, Optional<Instant> hour) {
        String startAfter = hour.map(h -> ArchiveLayout.before(prefix, h)).orElse(null);
        return list(ArchiveLayout.all(prefix), startAfter);
    }

    /** The objects of one hour ({@link ArchiveLayout#hourPrefix}). */
    public List<StoredObject> listHour(String hourPrefix) {
        return list(hourPrefix, null);
    }

    /** The object now at {@code key}, if there is one. */
    public Optional<StoredObject> head(String key) {
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new StoredObject(key, head.eTag(), head.contentLength(), head.lastModified()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD has no body, so no NoSuchKey error code to go by
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<StoredObject> list(String prefix, String startAfter) {
        List<StoredObject> objects = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix).startAfter(startAfter)).contents()) {
            objects.add(new StoredObject(object.key(), object.eTag(), object.size(), object.lastModified()));
        }
        return objects;
    }
}
