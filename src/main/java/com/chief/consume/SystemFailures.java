package com.chief.consume;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.core.JacksonException;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.component.kamelet.KameletConsumerNotAvailableException;
import org.apache.camel.component.seda.SedaConsumerNotAvailableException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.opensearch.client.ResponseException;
import org.opensearch.client.opensearch._types.OpenSearchException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place that tells a system failure from a record's. A system failure (S3, search, the
 * database or a channel down, unreachable, throttling or refusing us) holds the checkpoint and is
 * retried with back-off for as long as it lasts; any other failure is blamed on the batch's
 * records, which after a few attempts is split to set the failing record aside. Like the
 * fatal/retryable classification of flink-connector-aws, known exception types decide, looked for
 * along the cause chain (Camel and clients wrap them); an HTTP status, where there is one, decides
 * first. Handlers that know better throw {@link SystemUnavailableException}. A route Chief sends to
 * that takes no work (stopped, suspended or reloaded by an operator, or stopping) is such an outage
 * too ({@link #routeUnavailable}): the batch waits for the route instead of being blamed.
 */
public final class SystemFailures {

    private static final int MAX_CAUSES = 12;

    private SystemFailures() {
    }

    public static boolean isSystemFailure(Throwable error) {
        if (routeUnavailable(error).isPresent()) {
            return true;
        }
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            OptionalInt status = httpStatus(t);
            if (status.isPresent()) {
                return isSystemStatus(status.getAsInt());
            }
            if (isSystemType(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure along the cause chain saying that a route Chief sends to takes no work now: no
     * consumer on its {@code direct:}, {@code kamelet:} or {@code seda:} endpoint (the route is
     * stopped, suspended, or removed for a live reload), or the work refused because the route or
     * Chief is stopping. Empty for any other failure.
     */
    public static Optional<Throwable> routeUnavailable(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof DirectConsumerNotAvailableException || t instanceof KameletConsumerNotAvailableException
                    || t instanceof SedaConsumerNotAvailableException || t instanceof RejectedExecutionException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * A response status that blames the service or our access to it, not what we sent: no
     * login or permission (401, 403, 407), nothing there to write to (404), a timeout (408),
     * throttling (429) or a server error (5xx). Other 4xx answers reject the content.
     */
    public static boolean isSystemStatus(int status) {
        return status == 401 || status == 403 || status == 404 || status == 407 || status == 408 || status == 429
                || status >= 500;
    }

    private static boolean isSystemType(Throwable t) {
        if (t instanceof SystemUnavailableException || t instanceof SdkClientException || t instanceof TimeoutException) {
            return true; // unreachable or timed out
        }
        if (t instanceof SQLException sql) {
            return isSystemSqlFailure(sql);
        }
        // I/O that failed, not content that could not be read (JSON, characters): a connection, a disk, a socket
        return t instanceof IOException && !(t instanceof JacksonException || t instanceof CharConversionException
                || t instanceof CharacterCodingException);
    }

    /** Connection failures (SQLState class 08), timeouts, deadlocks and other transient errors; not data or constraint errors. */
    private static boolean isSystemSqlFailure(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return sql instanceof SQLTransientException || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLRecoverableException || state.startsWith("08") || state.startsWith("40");
    }

    private static OptionalInt httpStatus(Throwable t) {
        if (t instanceof AwsServiceException aws) {
            return OptionalInt.of(aws.isThrottlingException() ? 429 : aws.statusCode());
        }
        if (t instanceof HttpOperationFailedException http) {
            return OptionalInt.of(http.getStatusCode());
        }
        if (t instanceof OpenSearchException openSearch) {
            return OptionalInt.of(openSearch.status());
        }
        if (t instanceof ElasticsearchException elasticsearch) {
            return OptionalInt.of(elasticsearch.status());
        }
        if (t instanceof ResponseException response) {
            return OptionalInt.of(response.getResponse().getStatusLine().getStatusCode());
        }
        if (t instanceof TransportException transport && transport.statusCode() > 0) {
            return OptionalInt.of(transport.statusCode());
        }
        return OptionalInt.empty();
    }
}
