package com.chief.sink.aurora;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Which archive objects (key and ETag) are done, and the record of each: loaded with its rows, or
 * set aside with the reason it could not be loaded. Either way the same key and ETag is not tried again.
 */
public final class LoadManifest {

    private final DataSource dataSource;

    public LoadManifest(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * {@code key + " " + etag} of every object in the manifest whose key starts with {@code prefix}
     * and is not before {@code from} (a range scan of the primary key).
     */
    public Set<String> known(String from, String prefix) throws SQLException {
        Set<String> known = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT object_key, etag FROM load_manifest WHERE object_key >= ? AND object_key < ?")) {
            select.setString(1, from);
            select.setString(2, prefix + Character.MAX_VALUE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return known;
    }

    public static boolean contains(Set<String> loaded, StoredObject object) {
        return loaded.contains(object.key() + " " + object.etag());
    }

    public void record(StoredObject object, LoadCounts counts) throws SQLException {
        insert(object, counts, null);
    }

    /** The object cannot be loaded: recorded with {@code reason}, and tried again only with a new ETag. */
    public void setAside(StoredObject object, String reason) throws SQLException {
        insert(object, LoadCounts.NONE, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
    }

    /** Keys whose latest manifest row is a set-aside one: a new version of these is looked for on every run. */
    public List<String> setAsideKeys() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT DISTINCT m.object_key FROM load_manifest m"
                        + " WHERE m.load_error IS NOT NULL AND NOT EXISTS (SELECT 1 FROM load_manifest l"
                        + " WHERE l.object_key = m.object_key AND l.load_error IS NULL AND l.loaded_at >= m.loaded_at)");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private void insert(StoredObject object, LoadCounts counts, String error) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO load_manifest"
                        + " (object_key, etag, size_bytes, rows_read, rows_inserted, rows_present, rows_rejected, load_error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, object.key());
            insert.setString(2, object.etag());
            insert.setLong(3, object.size());
            insert.setInt(4, counts.read());
            insert.setInt(5, counts.inserted());
            insert.setInt(6, counts.present());
            insert.setInt(7, counts.rejected());
            insert.setString(8, error);
            insert.executeUpdate();
        }
    }
}
