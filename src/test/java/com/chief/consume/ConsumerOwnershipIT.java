package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.support.Databases;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polling engine refuses an application that another live instance runs on the same
 * checkpoints (health DOWN naming it), and takes it over once that instance's heartbeat is stale.
 * On MariaDB, the embedded database and Aurora's stand-in.
 */
class ConsumerOwnershipIT {

    @TempDir
    Path dir;

    /** Stands for a PollingStreamConsumer: counts starts and stops. */
    static final class Reader extends ServiceSupport {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        @Override
        protected void doStart() {
            starts.incrementAndGet();
        }

        @Override
        protected void doStop() {
            stops.incrementAndGet();
        }
    }

    @Test
    void refusesWhileAnotherInstanceIsLiveAndTakesOverWhenItsHeartbeatIsStale() throws Exception {
        try (Databases db = Databases.create()) {
            Duration staleAfter = Duration.ofSeconds(5); // long enough for a loaded CI machine between two heartbeats
            ConsumerOwnership first = new ConsumerOwnership(db.dataSource, "host-a/101", staleAfter);
            assertThat(first.acquire("order-archive")).isEmpty();
            assertThat(first.acquire("order-archive")).as("its own row, taken again").isEmpty();

            Reader reader = new Reader();
            OwnedConsumer second = new OwnedConsumer("order-archive", reader,
                    new ConsumerOwnership(db.dataSource, "host-b/202", staleAfter), Duration.ofMillis(200));
            OwnershipHealthCheck health = new OwnershipHealthCheck(List.of(second));
            health.setCamelContext(new DefaultCamelContext());
            assertThat(first.heartbeat("order-archive")).isTrue();
            second.start();
            try {
                // the first instance keeps its heartbeat (one per poll): the second never reads
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> {
                            assertThat(first.heartbeat("order-archive")).isTrue();
                            assertThat(reader.starts.get()).as("no second reader on the same checkpoints").isZero();
                        });
                assertThat(second.problem()).contains("already run by instance host-a/101");
                HealthCheck.Result result = health.call(Map.of());
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message).contains("host-a/101"));
                assertThat(Databases.rows(db.dataSource, "SELECT instance_id FROM consumer_ownership")).containsExactly("host-a/101");

                // the first instance dies (no more heartbeats): after staleAfter the second takes over
                long died = System.nanoTime();
                await().atMost(Duration.ofSeconds(20)).until(() -> reader.starts.get() == 1);
                System.out.printf("polling application taken over %.1f s after the owner's last heartbeat%n",
                        (System.nanoTime() - died) / 1e9);
                assertThat(second.owned()).isTrue();
                assertThat(health.call(Map.of()).getState()).isEqualTo(HealthCheck.State.UP);
                assertThat(Databases.rows(db.dataSource, "SELECT instance_id FROM consumer_ownership")).containsExactly("host-b/202");
                assertThat(first.heartbeat("order-archive")).as("the old owner learns it lost the row").isFalse();
                assertThat(first.acquire("order-archive")).hasValueSatisfying(owner ->
                        assertThat(owner.instanceId()).isEqualTo("host-b/202"));
            } finally {
                second.stop();
            }
            assertThat(reader.stops.get()).isEqualTo(1);
            assertThat(Databases.rows(db.dataSource, "SELECT COUNT(*) FROM consumer_ownership")).containsExactly("0");
        }
    }

    /** A restart after a kill: the holder's process on this host has ended, so its row is taken at once. */
    @Test
    void takesOverAtOnceFromAnEndedProcessOnThisHost() throws Exception {
        try (Databases db = Databases.create()) {
            Process ended = new ProcessBuilder("sleep", "0").start();
            ended.waitFor();
            String killed = InetAddress.getLocalHost().getHostName() + ":" + ended.pid() + ":0badc0de";
            Duration staleAfter = Duration.ofHours(1);
            assertThat(new ConsumerOwnership(db.dataSource, killed, staleAfter).acquire("order-archive")).isEmpty();

            assertThat(new ConsumerOwnership(db.dataSource, "restarted", staleAfter).acquire("order-archive")).isEmpty();
            assertThat(Databases.rows(db.dataSource, "SELECT instance_id FROM consumer_ownership")).containsExactly("restarted");
        }
    }
}
