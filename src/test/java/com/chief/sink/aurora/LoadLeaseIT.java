package com.chief.sink.aurora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.support.Databases;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load lease alone, on H2 and MariaDB: taken at once from a process on this host that has
 * ended, never before the expiry from a live holder, and kept by its heartbeat past the expiry
 * until the holder stops beating (a crash), after which another instance takes it.
 */
class LoadLeaseIT {

    @TempDir
    Path dir;

    @Test
    void aLeaseHeldByAnEndedProcessOnThisHostIsTakenAtOnce() throws Exception {
        try (Databases db = Databases.create()) {
            Process ended = new ProcessBuilder("sleep", "0").start();
            ended.waitFor();
            String killed = ended.pid() + "@" + InetAddress.getLocalHost().getHostName();
            holdFor(db.dataSource, killed, 3600);

            LoadLease restarted = new LoadLease(db.dataSource, "restarted", 30);
            assertThat(restarted.acquire()).as("taken from %s without waiting an hour", killed).isTrue();
            assertThat(restarted.holder()).isEqualTo("restarted");
            assertThat(new LoadLease(db.dataSource, killed, 30).renew()).as("the ended holder's lease is gone").isFalse();
        }
    }

    @Test
    void aLeaseHeldByALiveOwnerIsNotTakenBeforeItExpires() throws Exception {
        Process alive = new ProcessBuilder("sleep", "60").start();
        try (Databases db = Databases.create()) {
            String here = InetAddress.getLocalHost().getHostName();
            LoadLease other = new LoadLease(db.dataSource, "other", 30);
            for (String holder : new String[] {alive.pid() + "@" + here, "1@another-host.example", "worker-7"}) {
                holdFor(db.dataSource, holder, 3600);
                assertThat(other.acquire()).as("held by %s", holder).isFalse();
                assertThat(other.holder()).isEqualTo(holder);
            }

            holdFor(db.dataSource, alive.pid() + "@" + here, 2);
            assertThat(other.acquire()).as("not before the expiry").isFalse();
            await().atMost(Duration.ofSeconds(10)).until(other::acquire);
        } finally {
            alive.destroyForcibly().waitFor();
        }
    }

    @Test
    void theHeartbeatKeepsTheLeasePastItsExpiryAndACrashedHoldersLeaseExpires() throws Exception {
        try (Databases db = Databases.create()) {
            LoadLease holder = new LoadLease(db.dataSource, "holder", 2);
            LoadLease other = new LoadLease(db.dataSource, "other", 2);
            assertThat(holder.acquire()).isTrue();
            LeaseHeartbeat heartbeat = LeaseHeartbeat.start(holder);

            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> !other.acquire());
            assertThat(heartbeat.stillHeld()).isTrue();

            heartbeat.close(); // the holder crashes: no more renewals, no release
            long crashed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(other::acquire);
            System.out.printf("lease taken %.1f s after its holder's heartbeat stopped%n",
                    (System.nanoTime() - crashed) / 1e9);
            try (LeaseHeartbeat resumed = LeaseHeartbeat.start(holder)) {
                assertThat(resumed.stillHeld()).as("the old holder, resuming, learns it lost the lease").isFalse();
            }
        }
    }

    /** The lease as another instance left it: held by {@code owner} for {@code seconds} from now. */
    private static void holdFor(DataSource dataSource, String owner, int seconds) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE load_lease SET owner = ?, leased_until = TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP) WHERE name = ?")) {
            update.setString(1, owner);
            update.setInt(2, seconds);
            update.setString(3, LoadLease.NAME);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
