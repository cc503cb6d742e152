package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.component.kamelet.KameletConsumerNotAvailableException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which failures hold the checkpoint (a system is down) and which are blamed on the batch's records. */
class SystemFailuresTest {

    @Test
    void outagesOfASystemAreSystemFailuresHoweverDeeplyWrapped() {
        assertThat(new Throwable[] {
                new SystemUnavailableException("search refuses writes"),
                SdkClientException.create("Unable to execute HTTP request: Connection refused"),
                new CamelExecutionException("archive-put", null, new ConnectException("Connection refused")),
                new IllegalStateException(new UncheckedIOException(new SocketTimeoutException("Read timed out"))),
                new HttpTimeoutException("request timed out"),
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"),
                new SQLNonTransientConnectionException("Could not connect to address=(host=127.0.0.1)(port=3306)"),
                new SQLException("Communications link failure", "08S01"),
                new SQLException("Deadlock found when trying to get lock", "40001"),
                S3Exception.builder().statusCode(503).message("Slow Down").build(),
                S3Exception.builder().statusCode(403).message("Access Denied").build(),
                new HttpOperationFailedException("http://hook", 429, "Too Many Requests", null, null, null),
                new HttpOperationFailedException("http://hook", 502, "Bad Gateway", null, null, null)})
                .allSatisfy(failure -> assertThat(SystemFailures.isSystemFailure(failure)).as(failure.toString()).isTrue());
    }

    @Test
    void aRouteThatTakesNoWorkIsAnOutageNamedAsSuch() {
        Throwable stopped = new DirectConsumerNotAvailableException("No consumers available on endpoint: direct://factory-west", null);
        Throwable[] unavailable = {
                new CamelExecutionException("order-factory", null, stopped),
                new KameletConsumerNotAvailableException("No consumers available on endpoint: kamelet://source", null),
                new RejectedExecutionException("Route factory-west is stopping")};
        assertThat(unavailable).allSatisfy(failure -> {
            assertThat(SystemFailures.isSystemFailure(failure)).as(failure.toString()).isTrue();
            assertThat(SystemFailures.routeUnavailable(failure)).as(failure.toString()).isPresent();
        });
        assertThat(SystemFailures.routeUnavailable(unavailable[0])).contains(stopped);
        assertThat(SystemFailures.routeUnavailable(new SystemUnavailableException("search refuses writes"))).isEmpty();
    }

    @Test
    void failuresARecordCausesAreNot() {
        assertThat(new Throwable[] {
                new SQLDataException("Data too long for column 'customer' at row 1", "22001"),
                new SQLIntegrityConstraintViolationException("Column 'zone' cannot be null", "23000"),
                new IllegalArgumentException("No enum constant JobStatus.Done"),
                new NullPointerException(),
                new CamelExecutionException("order-factory", null, new JsonParseException(null, "Unexpected character")),
                new HttpOperationFailedException("http://hook", 400, "Bad Request", null, null, null),
                new HttpOperationFailedException("http://hook", 413, "Payload Too Large", null, null, null)})
                .allSatisfy(failure -> assertThat(SystemFailures.isSystemFailure(failure)).as(failure.toString()).isFalse());
    }
}
