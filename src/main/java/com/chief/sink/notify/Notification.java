package com.chief.sink.notify;

import java.util.Map;

/**
 * One customer message: recipient, subject and text, the same as an .eml text and as JSON, and a
 * deterministic file name.
 */
public record Notification(String to, String subject, String text, String fileName, String eml, String json) {

    /** The message's parts as the headers the chief-notification-sink Kamelet reads (its body is the .eml text). */
    public Map<String, Object> headers() {
        return Map.of("chiefTo", to, "chiefSubject", subject, "chiefText", text,
                "chiefNotificationFile", fileName, "chiefNotificationJson", json);
    }
}
