package com.chief.sink.s3;

/** One object of the archive: its key and its (NDJSON, possibly gzipped) content. */
public record ArchiveObject(String key, byte[] content, int records) {
}
