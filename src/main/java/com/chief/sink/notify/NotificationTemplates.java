package com.chief.sink.notify;

import com.chief.model.JobResult;
import com.chief.model.Json;
import com.chief.model.SafeFileNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Message texts from editable templates, {@code templates/notification-<status>.txt} (the working
 * directory's copy if there is one, else the jar's): a {@code Subject:} line, a blank line, the body,
 * with {@code {orderId}}, {@code {customer}}, {@code {factoryId}}, {@code {robotId}}, {@code {status}},
 * {@code {reason}} and {@code {timestamp}} filled in.
 */
public final class NotificationTemplates {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String from;

    public NotificationTemplates(Path dir, String from) {
        this.dir = dir;
        this.from = from;
    }

    public Notification compose(JobResult result) throws IOException {
        String template = template("notification-" + result.status() + ".txt");
        Map<String, String> values = Map.of(
                "orderId", result.orderId(),
                "customer", result.customer(),
                "factoryId", result.factoryId(),
                "robotId", result.robotId(),
                "status", result.status().name(),
                "reason", result.reason() == null ? "" : result.reason(),
                "timestamp", String.valueOf(result.timestamp()));
        for (Map.Entry<String, String> value : values.entrySet()) {
            template = template.replace("{" + value.getKey() + "}", value.getValue());
        }
        int split = template.indexOf("\n\n");
        // ids and addresses come from the streams: a line break in a header would add headers of the sender's choosing
        String to = UnsafeHeaderException.require("To", result.customer());
        String subject = UnsafeHeaderException.require("Subject", template.substring(0, split).replaceFirst("^Subject:\\s*", "").strip());
        String body = template.substring(split + 2);
        String messageId = UnsafeHeaderException.require("Message-ID", "<" + result.orderId() + "." + result.status() + "@chief>");
        String eml = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nDate: " + RFC_1123.format(result.timestamp()) + "\r\nMessage-ID: " + messageId
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body.replace("\n", "\r\n");
        String json = Json.MAPPER.createObjectNode()
                .put("to", result.customer()).put("subject", subject).put("body", body)
                .put("orderId", result.orderId()).put("status", result.status().name()).put("messageId", messageId).toString();
        return new Notification(to, subject, body, SafeFileNames.encode(result.orderId() + "-" + result.status()) + ".eml", messageId,
                eml, json);
    }

    private String template(String name) throws IOException {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
            return Files.readString(file).replace("\r\n", "\n");
        }
        try (InputStream in = NotificationTemplates.class.getClassLoader().getResourceAsStream("templates/" + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("No template " + name + " in " + dir + " or the jar"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }
}
