package com.chief.sink.aurora;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.bootstrap.DatabaseMigrations;
import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.support.Databases;
import com.chief.support.MariaDb;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aurora's LOAD DATA FROM S3 mode. No Aurora here, so: the statements for Aurora are checked as
 * text, and the very same statements run on MariaDB with {@code LOCAL INFILE} in place of
 * {@code FROM S3 FILE}, which checks everything after the file is read (staging, JSON functions,
 * rejects, INSERT IGNORE, the forward-only status).
 */
class AuroraS3LoaderIT {

    @TempDir
    Path dir;

    @Test
    void auroraReadsTheObjectFromS3ItselfIntoStagingWithoutEscapeProcessing() {
        AuroraS3Loader loader = new AuroraS3Loader(null, AuroraS3Loader.fromS3("eu-west-1", "chief-archive"));
        List<String> statements = loader.statements(new StoredObject("orders/2026/11/22/10/shardId-000000000001-495-0.ndjson",
                "\"etag\"", 10, Instant.now()));
        assertThat(statements.get(0)).isEqualTo("LOAD DATA FROM S3 FILE"
                + " 's3-eu-west-1://chief-archive/orders/2026/11/22/10/shardId-000000000001-495-0.ndjson'"
                + " IGNORE INTO TABLE load_staging FIELDS TERMINATED BY '\\t' ESCAPED BY '' LINES TERMINATED BY '\\n'"
                + " (raw_json) SET object_key = 'orders/2026/11/22/10/shardId-000000000001-495-0.ndjson'");
        assertThat(statements).hasSize(4);
        assertThat(statements.get(2)).startsWith("INSERT IGNORE INTO orders (order_id,");
        assertThat(statements.get(3)).isEqualTo("DELETE FROM load_staging WHERE object_key = "
                + "'orders/2026/11/22/10/shardId-000000000001-495-0.ndjson'");
        assertThat(AuroraS3Loader.quote("it's")).isEqualTo("'it''s'");
    }

    @Test
    void theStatementsLoadOrdersAndJobResultsOnMariaDb() throws Exception {
        String database = MariaDb.createDatabase();
        try (HikariDataSource db = DataSources.create(new ChiefSettings.Database(
                MariaDb.url(database) + "&allowLocalInfile=true", "", "", false))) {
            DatabaseMigrations.migrate(db);
            AuroraS3Loader loader = new AuroraS3Loader(db, object -> "LOCAL INFILE "
                    + AuroraS3Loader.quote(dir.resolve(object.key().replace('/', '_')).toString()));

            StoredObject orders = object("orders/2026/11/22/10/shardId-0-1-0.ndjson",
                    order("s-1", "2026-11-22T10:00:00.250Z", "store-7"),
                    "{\"orderId\":\"s-2\",\"orderedAt\":",
                    order("s-1", "2026-11-22T10:00:00.250Z", "store-7"),
                    order("s-3", "2026-11-22T10:05:00Z", null).replace("\"customer\":\"s-3@example.com\",", "\"note\":\"tab\\there\","),
                    order("s-4", "2026-11-22T10:06:00Z", null));
            assertThat(loader.load(orders)).isEqualTo(new LoadCounts(5, 2, 1, 2));
            assertThat(Databases.rows(db, "SELECT order_id, customer, store_id, bust,"
                    + " DATE_FORMAT(ordered_at, '%Y-%m-%dT%H:%i:%s.%f') FROM orders ORDER BY order_id"))
                    .containsExactly("s-1 s-1@example.com store-7 40.5 2026-11-22T10:00:00.250000",
                            "s-4 s-4@example.com null 40.5 2026-11-22T10:06:00.000000");
            assertThat(Databases.rows(db, "SELECT line_number FROM load_rejected_line ORDER BY line_number")).containsExactly("2", "4");
            assertThat(Databases.rows(db, "SELECT raw_json FROM orders WHERE order_id = 's-1'"))
                    .containsExactly(order("s-1", "2026-11-22T10:00:00.250Z", "store-7"));

            StoredObject results = object("job-results/2026/11/22/10/shardId-0-9-0.ndjson",
                    result("s-1", "Pending", "10:00:01"), result("s-1", "Completed", "10:30:00"),
                    result("s-1", "InProgress", "10:10:00"), result("s-4", "InProgress", "10:07:00"));
            assertThat(loader.load(results)).isEqualTo(new LoadCounts(4, 4, 0, 0));
            assertThat(Databases.rows(db, "SELECT order_id, status, status_rank FROM order_status ORDER BY order_id"))
                    .containsExactly("s-1 Completed 3", "s-4 InProgress 2");
            assertThat(loader.load(results)).as("the same object again").isEqualTo(new LoadCounts(4, 0, 4, 0));
            assertThat(Databases.rows(db, "SELECT COUNT(*) FROM load_staging")).containsExactly("0");
        } finally {
            MariaDb.dropDatabase(database);
        }
    }

    private StoredObject object(String key, String... lines) throws Exception {
        Files.writeString(dir.resolve(key.replace('/', '_')), String.join("\n", lines) + "\n");
        return new StoredObject(key, "\"e-" + key.hashCode() + "\"", 1, Instant.now());
    }

    private static String order(String id, String at, String store) {
        return "{\"orderId\":\"" + id + "\",\"channel\":\"STORE\",\"customer\":\"" + id + "@example.com\",\"gender\":\"F\","
                + "\"measurements\":{\"bust\":40.5,\"weight\":60,\"hip\":30,\"waist\":20},\"material\":\"velvet\","
                + "\"design\":\"custom\",\"storeId\":" + (store == null ? "null" : "\"" + store + "\"") + ",\"zone\":\"West\","
                + "\"orderedAt\":\"" + at + "\"}";
    }

    private static String result(String id, String status, String time) {
        return "{\"orderId\":\"" + id + "\",\"customer\":\"" + id + "@example.com\",\"factoryId\":\"factory1\","
                + "\"robotId\":\"robot2\",\"status\":\"" + status + "\",\"timestamp\":\"2026-11-22T" + time + "Z\"}";
    }
}
