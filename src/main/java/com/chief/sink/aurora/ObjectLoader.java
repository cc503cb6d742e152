package com.chief.sink.aurora;

/** Loads one archive object into the store (rows through JDBC, or Aurora's LOAD DATA FROM S3). */
public interface ObjectLoader {

    LoadCounts load(StoredObject object) throws Exception;
}
