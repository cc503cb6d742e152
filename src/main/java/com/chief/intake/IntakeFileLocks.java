package com.chief.intake;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read lock that lets several Chief instances watch one shared inbox: a row per file being read
 * ({@code intake_file_lock}, one processor name per inbox, the file's name as key so that instances
 * mounting the inbox at different paths agree). Its holder renews the row every
 * {@code expiry / 6}; a row older than {@code expiry} belongs to an instance that died, and the
 * first instance to find it takes the file over. Instance clocks must agree within a few seconds
 * (NTP), as the times are the instances' own.
 *
 * <p>Camel 4.17's repository takes over an orphan with an unconditional UPDATE, so two instances
 * finding the same orphan both got it, and the taker never renewed it. Here every row carries its
 * owner: renewals and releases touch only this instance's rows (so that UPDATE cannot hand out
 * someone else's row, nor a late release free it), and an orphan is taken by deleting it only while it is still stale, then inserting anew —
 * the primary key lets one instance in.
 */
public final class IntakeFileLocks extends JdbcOrphanLockAwareIdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeFileLocks.class);
    private static final String TABLE = "intake_file_lock";

    private final Duration expiry;

    public IntakeFileLocks(DataSource dataSource, String inbox, Duration expiry, CamelContext context) {
        super(dataSource, "intake-" + inbox, context);
        this.expiry = expiry;
        String owner = UUID.randomUUID().toString(); // hex and dashes only: safe inside the SQL text
        setCreateTableIfNotExists(false); // Flyway's V9 makes it
        setTableExistsString("SELECT 1 FROM " + TABLE + " WHERE 1 = 0");
        setQueryString("SELECT COUNT(*) FROM " + TABLE + " WHERE processorName = ? AND messageId = ?");
        setInsertString("INSERT INTO " + TABLE + " (processorName, messageId, createdAt, owner) VALUES (?, ?, ?, '" + owner + "')");
        setDeleteString("DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ? AND owner = '" + owner + "'");
        setClearString("DELETE FROM " + TABLE + " WHERE processorName = ?");
        setUpdateTimestampQuery("UPDATE " + TABLE + " SET createdAt = ? WHERE processorName = ? AND messageId = ?"
                + " AND owner = '" + owner + "'");
        setLockMaxAgeMillis(expiry.toMillis());
        setLockKeepAliveIntervalMillis(expiry.toMillis() / 6);
    }

    @Override
    public boolean add(String key) {
        // one transaction with Camel's check-and-insert, so the primary key decides between instances
        return Boolean.TRUE.equals(transactionTemplate.execute(status -> {
            Timestamp staleBefore = new Timestamp(System.currentTimeMillis() - expiry.toMillis());
            int orphans = jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ? AND createdAt < ?",
                    processorName, key, staleBefore);
            if (orphans > 0) {
                LOG.info("{}: its reader stopped renewing its lock over {} s ago (an instance that died); the file is read again",
                        key, expiry.toSeconds());
            }
            return super.add(key);
        }));
    }
}
