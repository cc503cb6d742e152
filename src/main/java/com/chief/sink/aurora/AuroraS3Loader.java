package com.chief.sink.aurora;

import com.chief.db.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@code chief.aurora.load-mode=load-data-from-s3}: Aurora MySQL reads the object from S3 itself
 * ({@code LOAD DATA FROM S3 FILE}) into {@code load_staging}, then INSERT IGNORE ... SELECT with
 * JSON functions fills the tables, so no row passes through Chief. One transaction per object.
 * Needs Aurora MySQL 3 with an IAM role allowed to read the bucket (aurora_load_from_s3_role).
 * The source clause is a function so that tests can run the same statements on MariaDB with
 * {@code LOCAL INFILE}.
 */
public final class AuroraS3Loader implements ObjectLoader {

    private static final String ORDER_VALID = "CASE WHEN JSON_VALID(raw_json) THEN JSON_VALUE(raw_json, '$.orderId') IS NOT NULL"
            + " AND JSON_VALUE(raw_json, '$.customer') IS NOT NULL AND JSON_VALUE(raw_json, '$.orderedAt') IS NOT NULL"
            + " ELSE FALSE END";
    private static final String JOB_RESULT_VALID = "CASE WHEN JSON_VALID(raw_json) THEN JSON_VALUE(raw_json, '$.orderId') IS NOT NULL"
            + " AND " + JobResultRows.isStatusSql("JSON_VALUE(raw_json, '$.status')")
            + " AND JSON_VALUE(raw_json, '$.timestamp') IS NOT NULL ELSE FALSE END";

    private final DataSource dataSource;
    private final Function<StoredObject, String> source;

    /** {@code source}: the part after LOAD DATA, e.g. {@code FROM S3 FILE 's3-us-east-1://bucket/key'}. */
    public AuroraS3Loader(DataSource dataSource, Function<StoredObject, String> source) {
        this.dataSource = dataSource;
        this.source = source;
    }

    /** Aurora's own source clause for an object of the bucket. */
    public static Function<StoredObject, String> fromS3(String region, String bucket) {
        return object -> "FROM S3 FILE " + quote("s3-" + region + "://" + bucket + "/" + object.key());
    }

    @Override
    public LoadCounts load(StoredObject object) throws SQLException {
        List<String> statements = statements(object);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return Transactions.run(connection, loading -> {
                int read = statement.executeUpdate(statements.get(0));
                int rejected = statement.executeUpdate(statements.get(1));
                int inserted = statement.executeUpdate(statements.get(2));
                for (String rest : statements.subList(3, statements.size())) {
                    statement.executeUpdate(rest);
                }
                return new LoadCounts(read, inserted, Math.max(0, read - inserted - rejected), rejected);
            });
        }
    }

    /** Stage, reject, insert, (order status,) clean up: the statements for one object, in order. */
    public List<String> statements(StoredObject object) {
        String key = quote(object.key());
        String staged = " FROM load_staging WHERE object_key = " + key;
        String load = "LOAD DATA " + source.apply(object) + " IGNORE INTO TABLE load_staging"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '' LINES TERMINATED BY '\\n' (raw_json) SET object_key = " + key;
        String cleanup = "DELETE" + staged;
        if (!object.isJobResults()) {
            return List.of(load,
                    rejects(object, "not an order: invalid JSON or no orderId, customer or orderedAt", ORDER_VALID),
                    "INSERT IGNORE INTO orders (order_id, channel, customer, gender, size, bust, weight, hip, waist, material,"
                            + " design, store_id, zone, ordered_at, raw_json) SELECT " + values("orderId", "channel", "customer",
                            "gender", "size", "measurements.bust", "measurements.weight", "measurements.hip",
                            "measurements.waist", "material", "design", "storeId", "zone") + ", " + datetime("orderedAt")
                            + ", raw_json" + staged + " AND " + ORDER_VALID + " ORDER BY id",
                    cleanup);
        }
        return List.of(load,
                rejects(object, "not a job result: invalid JSON or no orderId, status or timestamp", JOB_RESULT_VALID),
                "INSERT IGNORE INTO job_result_events (order_id, status, event_at, customer, factory_id, robot_id, reason,"
                        + " raw_json) SELECT " + values("orderId", "status") + ", " + datetime("timestamp") + ", "
                        + values("customer", "factoryId", "robotId", "reason") + ", raw_json" + staged
                        + " AND " + JOB_RESULT_VALID + " ORDER BY id",
                "INSERT INTO order_status (order_id, status, factory_id, robot_id, updated_at, status_rank) SELECT "
                        + values("orderId", "status", "factoryId", "robotId") + ", " + datetime("timestamp")
                        + ", " + JobResultRows.rankSql("JSON_VALUE(raw_json, '$.status')")
                        + staged + " AND " + JOB_RESULT_VALID + " ORDER BY id" + JobResultRows.STATUS_FORWARD_ONLY,
                cleanup);
    }

    private static String rejects(StoredObject object, String reason, String valid) {
        return "INSERT IGNORE INTO load_rejected_line (object_key, etag, line_number, reason, raw_line)"
                + " SELECT s.object_key, " + quote(object.etag()) + ", s.id - f.first_id + 1, " + quote(reason) + ", s.raw_json"
                + " FROM load_staging s, (SELECT MIN(id) AS first_id FROM load_staging WHERE object_key = "
                + quote(object.key()) + ") f WHERE s.object_key = " + quote(object.key()) + " AND NOT ("
                + valid.replace("raw_json", "s.raw_json") + ")";
    }

    private static String values(String... fields) {
        StringBuilder sql = new StringBuilder();
        for (String field : fields) {
            sql.append(sql.isEmpty() ? "" : ", ").append("JSON_VALUE(raw_json, '$.").append(field).append("')");
        }
        return sql.toString();
    }

    /** An ISO-8601 UTC time (2026-11-22T10:00:00.123Z) as DATETIME(3). */
    private static String datetime(String field) {
        return "CAST(REPLACE(REPLACE(JSON_VALUE(raw_json, '$." + field + "'), 'T', ' '), 'Z', '') AS DATETIME(3))";
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
