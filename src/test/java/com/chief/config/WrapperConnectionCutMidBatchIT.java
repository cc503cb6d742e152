package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.consume.BatchDeduplicator;
import com.chief.support.MariaDb;
import com.chief.support.MidBatchConnectionKiller;
import com.chief.support.TestSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.jdbc.wrapper.ConnectionWrapper;

/**
 * A {@code jdbc:aws-wrapper:mariadb:} URL with the wrapper's plugins as Chief configures them, and a
 * connection cut in the middle of a batch: the dedupe's batched INSERT IGNORE (one transaction) is killed by
 * a second connection while it writes; the batch fails, the server rolls it back, the batch is written
 * again as Chief's consumer replays an unremembered batch, and every key is there exactly once.
 *
 * <p>As far as MariaDB allows: failover2 (wrapper 2.6.4) counts a plain host as failover-enabled (its host
 * list is the URL's host), so the cut starts "writer failover", which needs the Aurora topology monitor
 * (a {@code BlockingHostListProvider}); MariaDB's dialect has the URL's static host list, so
 * {@code PluginServiceImpl.forceRefreshHostList} throws {@code UnsupportedOperationException} instead of the
 * failover's SQLExceptions (08S02 connection changed, 08007 transaction state unknown) Aurora gives. efm2
 * (monitoring) is harmless here. Because the failure is not an SQLException, Hikari does not evict the dead
 * connection: the next borrower may get it back once and fail with "Connection is closed" (08000), which
 * evicts it. Nothing is lost or doubled either way: the server rolls the cut transaction back and the
 * replay writes the batch whole. The failover itself (a new writer) needs an Aurora cluster.
 */
class WrapperConnectionCutMidBatchIT {

    private static final int KEYS = 200_000;
    private static final int MAX_REPLAYS = 3;

    @TempDir
    Path dir;

    private String database;

    @AfterEach
    void drop() throws SQLException {
        MariaDb.dropDatabase(database);
    }

    @Test
    void aBatchCutMidWayIsRolledBackAndItsRetryLeavesEveryRowOnce() throws Exception {
        database = MariaDb.createDatabase();
        String url = MariaDb.server().replace("jdbc:", "jdbc:aws-wrapper:") + database
                + "?useBulkStmts=false&useBulkStmtsForInserts=false";
        ChiefSettings settings = TestSettings.local(dir, Map.of("chief.db.url", url, "chief.db.user", "root"));
        assertThat(settings.database().wrapped()).isTrue();
        List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> "order-" + i).toList();

        try (HikariDataSource pool = DataSources.create(settings.database())) {
            assertThat(pool.getDataSourceProperties().getProperty("wrapperPlugins")).isEqualTo("auroraConnectionTracker,failover2,efm2");
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isWrapperFor(ConnectionWrapper.class)).as("through the wrapper").isTrue();
            }
            DatabaseMigrations.migrate(pool);
            BatchDeduplicator dedupe = new BatchDeduplicator(pool);
            MidBatchConnectionKiller killer = new MidBatchConnectionKiller(database,
                    "SELECT COUNT(*) FROM processed_message WHERE processor = 'cut'", "INSERT IGNORE INTO processed_message");

            CompletableFuture<Long> kill = killer.killOnceWriting();
            Throwable cut = catchThrowable(() -> dedupe.remember("cut", keys));
            long writtenAtKill = kill.get(60, TimeUnit.SECONDS);

            assertThat(writtenAtKill).as("killed mid-batch").isBetween(1L, KEYS - 1L);
            assertThat(cut).as("the first attempt failed: failover2 finds no Aurora topology to fail over to")
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("BlockingHostListProvider");
            assertThat(MariaDb.number(database, "SELECT COUNT(*) FROM processed_message")).as("the cut batch rolled back").isZero();

            // the batch again, as the consumer replays a batch it could not remember, until it goes through
            List<Throwable> replayFailures = new ArrayList<>();
            for (int attempt = 0; attempt < MAX_REPLAYS; attempt++) {
                try {
                    dedupe.remember("cut", keys);
                    break;
                } catch (SQLException | RuntimeException e) {
                    replayFailures.add(e);
                }
            }
            assertThat(replayFailures).as("at most the dead connection handed back once (see the class comment)")
                    .hasSizeLessThanOrEqualTo(1).allSatisfy(e -> assertThat(e).hasMessageContaining("Connection is closed"));

            assertThat(MariaDb.number(database, "SELECT COUNT(*) FROM processed_message WHERE processor = 'cut'")).isEqualTo(KEYS);
            assertThat(MariaDb.number(database, "SELECT COUNT(DISTINCT message_id) FROM processed_message")).isEqualTo(KEYS);
            List<String> unseen = dedupe.unseen("cut", keys, Function.identity());
            assertThat(unseen).as("every key remembered").isEmpty();
        }
    }
}
