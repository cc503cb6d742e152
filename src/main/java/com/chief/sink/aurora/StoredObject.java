package com.chief.sink.aurora;

import com.chief.sink.s3.ArchiveLayout;
import java.time.Instant;

/** An archive object as S3 lists it. A new ETag at the same key is new content. */
public record StoredObject(String key, String etag, long size, Instant lastModified) {

    public boolean isJobResults() {
        return ArchiveLayout.isJobResults(key);
    }
}
