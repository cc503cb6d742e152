package com.chief.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Checkpoints per application, stream and shard, in the {@code kinesis_checkpoint} table. */
public final class CheckpointStore {

    private final DataSource dataSource;

    public CheckpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Checkpoint> load(String application, String stream, String shardId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT sequence_number, sub_sequence"
                        + " FROM kinesis_checkpoint WHERE application = ? AND stream_name = ? AND shard_id = ?")) {
            select.setString(1, application);
            select.setString(2, stream);
            select.setString(3, shardId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Checkpoint(row.getString(1), row.getLong(2))) : Optional.empty();
            }
        }
    }

    public void save(String application, String stream, String shardId, Checkpoint checkpoint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO kinesis_checkpoint"
                        + " (application, stream_name, shard_id, sequence_number, sub_sequence, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE sequence_number = VALUES(sequence_number),"
                        + " sub_sequence = VALUES(sub_sequence), updated_at = VALUES(updated_at)")) {
            upsert.setString(1, application);
            upsert.setString(2, stream);
            upsert.setString(3, shardId);
            upsert.setString(4, checkpoint.sequenceNumber());
            upsert.setLong(5, checkpoint.subSequence());
            upsert.setTimestamp(6, Timestamp.from(Instant.now()));
            upsert.executeUpdate();
        }
    }
}
