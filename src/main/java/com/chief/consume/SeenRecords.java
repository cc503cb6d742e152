package com.chief.consume;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * What a writer asks before and tells after processing a batch: which records it has done already.
 * The consuming applications use {@link BatchDeduplicator}; a rebuild from the archive uses {@link #NONE},
 * since it must write again what the sink lost although the stream's consumers did it once.
 */
public interface SeenRecords {

    /** Remembers nothing, so every record is fresh. */
    SeenRecords NONE = new SeenRecords() {
        @Override
        public <T> List<T> unseen(String processor, List<T> items, Function<T, String> key) {
            return items;
        }

        @Override
        public void remember(String processor, Collection<String> keys) {
        }
    };

    <T> List<T> unseen(String processor, List<T> items, Function<T, String> key) throws SQLException;

    void remember(String processor, Collection<String> keys) throws SQLException;
}
