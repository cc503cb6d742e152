package com.chief.tailor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedWritesTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A stop flushes to have every acknowledgement committed: a group taken by the executor counts too. */
    @Test
    void flushReturnsOnlyOnceTheGroupUnderWayIsWritten() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        GroupedWrites<String> writes = new GroupedWrites<>(executor, 10, group -> {
            writing.countDown();
            release.await(10, TimeUnit.SECONDS);
            written.addAll(group);
        }, (group, cause) -> { });

        writes.add("ack-1");
        assertThat(writing.await(5, TimeUnit.SECONDS)).as("the executor took the group").isTrue();
        CompletableFuture<Void> flushed = CompletableFuture.runAsync(writes::flush);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !flushed.isDone());

        release.countDown();
        flushed.get(5, TimeUnit.SECONDS);
        assertThat(written).containsExactly("ack-1");
    }

    @Test
    void flushWritesWhatIsStillPendingOnTheCallersThread() {
        List<String> written = new CopyOnWriteArrayList<>();
        executor.shutdown(); // stopping: nothing runs on the executor any more
        GroupedWrites<String> writes = new GroupedWrites<>(executor, 1, written::addAll, (group, cause) -> { });
        writes.add("a");
        writes.add("b");
        assertThat(written).isEmpty();

        writes.flush();
        assertThat(written).containsExactly("a", "b");
    }
}
