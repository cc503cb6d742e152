package com.chief.sink.notify;

import com.chief.consume.SystemFailures;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.Set;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a notification channel's failure means, decided in this one place. Only a refusal of that
 * one message (a bad recipient, a rejected message) is given up on; a channel that is down,
 * slow, overloaded or refusing everyone (credentials, sender) holds the stream until it is back.
 */
public enum ChannelFailure {

    /** The channel will never take this message (SMTP 5xx for it, HTTP 4xx, SES MessageRejected, not an address): dead-letter it. */
    REFUSED,
    /** The channel is not taking messages now (refused connection, timeout, 5xx, SMTP 4xx, throttling): hold and retry. */
    UNAVAILABLE,
    /** Not a channel answer Chief knows: the failure goes to the stream consumer as it is. */
    UNKNOWN;

    /** AWS error codes (SES, SNS) that refuse the message itself. */
    private static final Set<String> AWS_MESSAGE_REFUSALS = Set.of("MessageRejected", "InvalidParameterValue", "InvalidParameter");

    public static ChannelFailure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ChannelFailure failure = classify(t);
            if (failure != UNKNOWN) {
                return failure;
            }
        }
        return UNKNOWN;
    }

    private static ChannelFailure classify(Throwable t) {
        if (t instanceof HttpOperationFailedException http) {
            return byHttpStatus(http.getStatusCode());
        }
        if (t instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            return !aws.isThrottlingException() && AWS_MESSAGE_REFUSALS.contains(code) ? REFUSED : UNAVAILABLE;
        }
        if (t instanceof SMTPSenderFailedException) {
            return UNAVAILABLE; // the server refuses Chief's sender address: every message would fail alike
        }
        if (t instanceof SMTPAddressFailedException smtp) {
            return smtp.getReturnCode() >= 500 ? REFUSED : UNAVAILABLE;
        }
        if (t instanceof SMTPSendFailedException smtp) {
            return smtp.getReturnCode() >= 500 ? REFUSED : UNAVAILABLE;
        }
        if (t instanceof AddressException || t instanceof UnsafeHeaderException) {
            return REFUSED;
        }
        if (t instanceof AuthenticationFailedException || t instanceof SdkClientException || t instanceof IOException) {
            return UNAVAILABLE; // login refused, AWS unreachable, connection refused or reset, timeout, outbox disk
        }
        return UNKNOWN;
    }

    private static ChannelFailure byHttpStatus(int status) {
        // 4xx about the channel itself (login, access, wrong URL, proxy, timeout, rate) refuse every message alike
        return status >= 400 && status < 500 && !SystemFailures.isSystemStatus(status) ? REFUSED : UNAVAILABLE;
    }
}
