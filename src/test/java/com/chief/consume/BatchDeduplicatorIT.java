package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.support.Databases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchDeduplicatorIT {

    @TempDir
    Path dir;

    @Test
    void dropsWhatWasProcessedAndRepeatsWithinABatch() throws Exception {
        try (Databases db = Databases.create()) {
            BatchDeduplicator dedupe = new BatchDeduplicator(db.dataSource);
            List<String> first = dedupe.unseen("app", List.of("a", "b", "a", "c"), Function.identity());
            assertThat(first).containsExactly("a", "b", "c");
            dedupe.remember("app", first);
            assertThat(dedupe.unseen("app", List.of("c", "d", "b", "e"), Function.identity())).containsExactly("d", "e");
            assertThat(dedupe.unseen("other-app", List.of("a"), Function.identity())).as("per processor").containsExactly("a");
            dedupe.remember("app", List.of("a", "d")); // "a" again: ignored, not an error
            assertThat(dedupe.unseen("app", List.of("a", "d", "f"), Function.identity())).containsExactly("f");

            String longKey = "k".repeat(300);
            dedupe.remember("app", List.of(longKey));
            assertThat(dedupe.unseen("app", List.of(longKey), Function.identity())).isEmpty();
        }
    }

    @Test
    void racingWritersOfTheSameKeysNeverFail() throws Exception {
        try (Databases db = Databases.create()) {
            BatchDeduplicator dedupe = new BatchDeduplicator(db.dataSource);
            List<String> keys = IntStream.range(0, 2000).mapToObj(i -> "order-" + i).toList();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<Void>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit((Callable<Void>) () -> {
                    for (int from = 0; from < keys.size(); from += 250) {
                        dedupe.remember("race", keys.subList(from, from + 250));
                    }
                    return null;
                }));
            }
            for (Future<Void> result : results) {
                result.get(); // throws if any writer failed
            }
            threads.shutdown();
            assertThat(dedupe.unseen("race", keys, Function.identity())).isEmpty();
        }
    }
}
