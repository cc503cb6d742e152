package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.support.Databases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared inbox's lock rows on MariaDB: one holder, renewed, taken over once orphaned. */
class IntakeFileLocksIT {

    private static final Duration EXPIRY = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void oneInstanceGetsAFileAndAnOrphanedLockIsTakenOverByExactlyOne() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.start();
        List<IntakeFileLocks> instances = new ArrayList<>();
        try (Databases db = Databases.create()) {
            try {
                check(db, context, instances);
            } finally {
                instances.forEach(IntakeFileLocks::shutdown); // before the pool closes
            }
        } finally {
            context.stop();
        }
    }

    private static void check(Databases db, DefaultCamelContext context, List<IntakeFileLocks> instances)
            throws Exception {
        for (int i = 0; i < 4; i++) {
            IntakeFileLocks locks = new IntakeFileLocks(db.dataSource, "orders", EXPIRY, context);
            locks.start();
            instances.add(locks);
        }
        assertThat(race(instances, "fresh.json")).as("instances that got a fresh file").isEqualTo(1);

        IntakeFileLocks holder = instances.get(0);
        assertThat(holder.add("orphan.json")).isTrue();
        await().during(EXPIRY.multipliedBy(2)).atMost(EXPIRY.multipliedBy(3))
                .until(() -> !instances.get(1).add("orphan.json")); // renewed while its holder lives
        holder.shutdown(); // as if it died: the row stays, nobody renews it
        await().atMost(EXPIRY.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> Databases.rows(db.dataSource, "SELECT createdAt FROM intake_file_lock"
                        + " WHERE messageId = 'orphan.json' AND createdAt < TIMESTAMPADD(SECOND, -3, CURRENT_TIMESTAMP)").size() == 1);
        List<IntakeFileLocks> survivors = instances.subList(1, instances.size());
        assertThat(race(survivors, "orphan.json")).as("instances that took the orphan over").isEqualTo(1);
        await().during(EXPIRY.multipliedBy(2)).atMost(EXPIRY.multipliedBy(3))
                .until(() -> survivors.stream().noneMatch(locks -> locks.add("orphan.json"))); // the taker renews it

        survivors.forEach(locks -> locks.remove("orphan.json")); // only its holder's release counts
        assertThat(Databases.rows(db.dataSource, "SELECT messageId FROM intake_file_lock")).containsExactly("fresh.json");
    }

    /** Every instance asks for the key, all at the same moment; returns how many got it. */
    private static int race(List<IntakeFileLocks> instances, String key) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (IntakeFileLocks locks : instances) {
                Callable<Boolean> ask = () -> {
                    go.await();
                    try {
                        return locks.add(key);
                    } catch (RuntimeException duplicateKey) { // the read lock counts an exception as "not yours"
                        return false;
                    }
                };
                answers.add(pool.submit(ask));
            }
            go.countDown(); // with one thread they ask in turn
            int granted = 0;
            for (Future<Boolean> answer : answers) {
                granted += answer.get() ? 1 : 0;
            }
            return granted;
        } finally {
            pool.shutdownNow();
        }
    }
}
