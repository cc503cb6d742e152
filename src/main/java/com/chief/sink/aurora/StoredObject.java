package com.chief.sink.aurora;

import java.time.Instant;

/** An archive object as S3 lists it. A new ETag at the same key is new content. */
public record StoredObject(String key, String etag, long size, Instant lastModified) {

    public boolean isJobResults() {
        return key.startsWith(ArchiveListing.JOB_RESULTS + "/");
    }
}
