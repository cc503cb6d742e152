package com.chief.health;

import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns an exception chain into one readable line (each distinct message once, outermost first). */
public final class Reasons {

    private Reasons() {
    }

    public static String of(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null && messages.size() < 4; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException && !messages.isEmpty()) {
                continue; // the JDK HTTP client's follow-up to a refused connection
            }
            String message = describe(t);
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }

    private static String describe(Throwable t) {
        if (t instanceof SdkClientException && String.valueOf(t.getMessage()).startsWith("Unable to load credentials")) {
            return "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, "
                    + "or run with an IAM role";
        }
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
            return t.getMessage().strip();
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (t instanceof java.nio.channels.ClosedChannelException) {
            return "connection closed";
        }
        return t.getClass().getSimpleName();
    }
}
