package com.chief.sink.aurora;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/** Which archive objects (key and ETag) are loaded already, and the record of each load. */
public final class LoadManifest {

    private final DataSource dataSource;

    public LoadManifest(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code key + " " + etag} of every object loaded under the prefix (a range scan of the primary key). */
    public Set<String> loaded(String prefix) throws SQLException {
        Set<String> loaded = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT object_key, etag FROM load_manifest WHERE object_key >= ? AND object_key < ?")) {
            select.setString(1, prefix);
            select.setString(2, prefix + Character.MAX_VALUE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    loaded.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return loaded;
    }

    public static boolean contains(Set<String> loaded, StoredObject object) {
        return loaded.contains(object.key() + " " + object.etag());
    }

    public void record(StoredObject object, LoadCounts counts) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO load_manifest"
                        + " (object_key, etag, size_bytes, rows_read, rows_inserted, rows_present, rows_rejected)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, object.key());
            insert.setString(2, object.etag());
            insert.setLong(3, object.size());
            insert.setInt(4, counts.read());
            insert.setInt(5, counts.inserted());
            insert.setInt(6, counts.present());
            insert.setInt(7, counts.rejected());
            insert.executeUpdate();
        }
    }
}
