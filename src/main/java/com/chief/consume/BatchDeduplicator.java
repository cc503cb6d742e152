package com.chief.consume;

import com.chief.db.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The JDBC idempotent repository of the consuming applications, one processor name each, working a
 * batch at a time: one {@code SELECT ... IN} of (processor, key) pairs to find the keys already
 * processed, and after the batch went through, one batched {@code INSERT IGNORE} to remember its keys. Remembering after
 * processing (not before) means a crash mid-batch replays the batch instead of losing it; racing
 * writers of one key never fail, the second insert is simply ignored. Runs on MariaDB and Aurora MySQL.
 * Keys are forgotten after {@code chief.dedupe.retention-days} by the retention purge ({@code retention/RetentionTables}).
 */
public final class BatchDeduplicator implements SeenRecords {

    private static final int IN_LIST = 500;
    private static final int MAX_KEY = 128;

    private final DataSource dataSource;

    public BatchDeduplicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The items whose keys this processor has not processed yet, each key once (its first item). */
    @Override
    public <T> List<T> unseen(String processor, List<T> items, Function<T, String> key) throws SQLException {
        Map<String, T> byKey = new LinkedHashMap<>();
        for (T item : items) {
            byKey.putIfAbsent(stored(key.apply(item)), item);
        }
        Set<String> seen = new HashSet<>();
        List<String> keys = new ArrayList<>(byKey.keySet());
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < keys.size(); from += IN_LIST) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
                // (processor, message_id) pairs: a lookup per key in the primary key (H2, the embedded database
                // until Dec 2026, scanned every row of the processor for "processor = ? AND message_id IN (...)")
                String pairs = String.join(",", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT message_id FROM processed_message WHERE (processor, message_id) IN (" + pairs + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(2 * i + 1, processor);
                        select.setString(2 * i + 2, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            seen.add(rows.getString(1));
                        }
                    }
                }
            }
        }
        List<T> fresh = new ArrayList<>();
        byKey.forEach((k, item) -> {
            if (!seen.contains(k)) {
                fresh.add(item);
            }
        });
        return fresh;
    }

    /** Remembers keys as processed, in one transaction. */
    @Override
    public void remember(String processor, Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Transactions.run(connection, remembering -> {
                try (PreparedStatement insert = remembering.prepareStatement(
                        "INSERT IGNORE INTO processed_message (processor, message_id, created_at) VALUES (?, ?, ?)")) {
                    Timestamp now = Timestamp.from(Instant.now());
                    for (String key : keys) {
                        insert.setString(1, processor);
                        insert.setString(2, stored(key));
                        insert.setTimestamp(3, now);
                        insert.addBatch();
                    }
                    return insert.executeBatch();
                }
            });
        }
    }

    /** Keys longer than the column are stored as their SHA-256. */
    static String stored(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
