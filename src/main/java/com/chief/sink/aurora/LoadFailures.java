package com.chief.sink.aurora;

import com.chief.consume.SystemUnavailableException;
import com.chief.health.Probes;
import com.chief.health.Reasons;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.sql.DataSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Whether an object that failed to load is at fault (it is set aside and the run goes on) or a
 * system is (the run stops; the next one tries again). A system is blamed when the failure says so
 * (a lost connection, a TLS failure, a timeout, S3 refusing service or access, a GET that broke off
 * before the object's Content-Length came: {@link TransferCutShort}) or when the database or S3 does
 * not answer right after; otherwise the object's content is: it cannot be read or stored. So a gzip
 * that ends early is set aside only when all of the object's bytes were received.
 */
public final class LoadFailures {

    private final DataSource dataSource;
    private final ArchiveListing listing;

    public LoadFailures(DataSource dataSource, ArchiveListing listing) {
        this.dataSource = dataSource;
        this.listing = listing;
    }

    /** Why the object cannot be loaded; empty when a system is down instead. */
    public Optional<String> objectFault(StoredObject object, Exception failure) {
        if (isSystemDown(failure)) {
            return Optional.empty();
        }
        try {
            Probes.database(dataSource).check();
            boolean gone = listing.head(object.key()).isEmpty();
            return Optional.of((gone ? "no longer in S3: " : "") + Reasons.of(failure));
        } catch (Exception probe) {
            return Optional.empty();
        }
    }

    private static boolean isSystemDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SystemUnavailableException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketException || t instanceof InterruptedIOException
                    || t instanceof SSLException || t instanceof TransferCutShort) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // connection exception class
            }
            if (t instanceof S3Exception s3 && (s3.statusCode() >= 500 || s3.statusCode() == 403 || s3.statusCode() == 429)) {
                return true; // unavailable, throttled, or not allowed: not this object's doing
            }
            if (t instanceof SdkClientException) {
                return true; // no answer from S3 (network, credentials)
            }
        }
        return false;
    }
}
