package com.chief.sink.notify;

import java.util.Map;

/**
 * One customer message: recipient, subject and text, the same as an .eml text and as JSON, a
 * deterministic file name and a stable Message-ID ({@code <orderId.status@chief>}), so a receiver
 * can recognise a message it was given twice.
 */
public record Notification(String to, String subject, String text, String fileName, String messageId, String eml, String json) {

    /** The message's parts as the headers the chief-notification-sink Kamelet reads (its body is the .eml text). */
    public Map<String, Object> headers() {
        return Map.of("chiefTo", to, "chiefSubject", subject, "chiefText", text,
                "chiefNotificationFile", fileName, "chiefMessageId", messageId, "chiefNotificationJson", json);
    }
}
