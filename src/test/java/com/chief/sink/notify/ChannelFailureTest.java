package com.chief.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.model.SesException;

/** Which channel failures dead-letter one message and which hold the stream, as the channels raise them (wrapped by Camel). */
class ChannelFailureTest {

    @Test
    void aRefusalOfThatOneMessageIsRefused() throws Exception {
        InternetAddress customer = new InternetAddress("someone@example.com");
        assertThat(ChannelFailure.of(camel(http(400)))).isEqualTo(ChannelFailure.REFUSED);
        assertThat(ChannelFailure.of(camel(http(422)))).isEqualTo(ChannelFailure.REFUSED);
        assertThat(ChannelFailure.of(camel(invalidAddresses(new SMTPAddressFailedException(customer, "RCPT TO", 550, "no such user")))))
                .isEqualTo(ChannelFailure.REFUSED);
        assertThat(ChannelFailure.of(camel(new SMTPSendFailedException("DATA", 554, "content rejected", null, null, null, null))))
                .isEqualTo(ChannelFailure.REFUSED);
        assertThat(ChannelFailure.of(camel(new AddressException("Missing final '@domain'")))).isEqualTo(ChannelFailure.REFUSED);
        assertThat(ChannelFailure.of(camel(aws(400, "MessageRejected")))).isEqualTo(ChannelFailure.REFUSED);
    }

    @Test
    void aChannelThatIsDownSlowOrRefusingEveryoneIsUnavailable() throws Exception {
        InternetAddress customer = new InternetAddress("someone@example.com");
        for (int status : new int[] {500, 502, 503, 504, 408, 429, 401, 403}) {
            assertThat(ChannelFailure.of(camel(http(status)))).as("HTTP %d", status).isEqualTo(ChannelFailure.UNAVAILABLE);
        }
        assertThat(ChannelFailure.of(camel(new MessagingException("Couldn't connect to host", new ConnectException("Connection refused")))))
                .isEqualTo(ChannelFailure.UNAVAILABLE);
        assertThat(ChannelFailure.of(camel(new SocketTimeoutException("Read timed out")))).isEqualTo(ChannelFailure.UNAVAILABLE);
        assertThat(ChannelFailure.of(camel(invalidAddresses(new SMTPAddressFailedException(customer, "RCPT TO", 452, "mailbox full")))))
                .isEqualTo(ChannelFailure.UNAVAILABLE);
        assertThat(ChannelFailure.of(camel(new SMTPSenderFailedException(customer, "MAIL FROM", 550, "sender not allowed"))))
                .isEqualTo(ChannelFailure.UNAVAILABLE);
        assertThat(ChannelFailure.of(camel(new AuthenticationFailedException("535 bad login")))).isEqualTo(ChannelFailure.UNAVAILABLE);
        assertThat(ChannelFailure.of(camel(aws(400, "Throttling")))).isEqualTo(ChannelFailure.UNAVAILABLE);
        assertThat(ChannelFailure.of(camel(aws(500, "InternalFailure")))).isEqualTo(ChannelFailure.UNAVAILABLE);
        assertThat(ChannelFailure.of(camel(SdkClientException.create("Unable to execute HTTP request")))).isEqualTo(ChannelFailure.UNAVAILABLE);
    }

    @Test
    void anythingElseIsLeftToTheStreamConsumer() {
        assertThat(ChannelFailure.of(camel(new IllegalStateException("a bug")))).isEqualTo(ChannelFailure.UNKNOWN);
    }

    private static CamelExecutionException camel(Exception cause) {
        return new CamelExecutionException("Exception occurred during execution", null, cause);
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://127.0.0.1/hook", status, "status " + status, null, Map.of(), "");
    }

    /** How Jakarta Mail reports a refused recipient: an outer SendFailedException with the server's answer next. */
    private static SendFailedException invalidAddresses(Exception serverAnswer) {
        return new SendFailedException("Invalid Addresses", serverAnswer);
    }

    private static SesException aws(int status, String code) {
        return (SesException) SesException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).message(code).build();
    }
}
