package com.chief.sink.s3;

/** One object of the archive: its key and its (NDJSON, possibly gzipped) content. */
public record ArchiveObject(String key, byte[] content, int records) {

    /**
     * For the route's Content-Length: {@code ${body.content.length}} had Camel turn the array into a list of
     * boxed bytes to find its length (a fifth of Chief's allocations).
     */
    public int contentLength() {
        return content.length;
    }
}
