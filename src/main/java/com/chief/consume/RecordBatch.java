package com.chief.consume;

import java.util.List;

/** User records of one shard, in order, handed to an application's route as one unit of work. */
public record RecordBatch(String application, String stream, String shardId, List<UserRecord> records) {

    public Checkpoint last() {
        UserRecord last = records.get(records.size() - 1);
        return new Checkpoint(last.sequenceNumber(), last.subSequenceNumber());
    }
}
