package com.chief.sink.notify;

import com.chief.model.JobResult;
import com.chief.model.Json;
import com.chief.model.SafeFileNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Message texts from editable templates, {@code templates/notification-<status>.txt} (the working
 * directory's copy if there is one, else the jar's): a {@code Subject:} line, a blank line, the body,
 * with {@code {orderId}}, {@code {customer}}, {@code {factoryId}}, {@code {robotId}}, {@code {status}},
 * {@code {reason}} and {@code {timestamp}} filled in. Each template is read once and kept until its
 * file changes (modification time or size), so an edit applies to the next message without a file
 * read per message.
 */
public final class NotificationTemplates {

    private static final Pattern SUBJECT = Pattern.compile("^Subject:\\s*");
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String from;
    private final Map<String, Read> read = new ConcurrentHashMap<>();

    /** A template's text and the file version it came from (null version: the jar's copy). */
    private record Read(Version version, String text) {
    }

    private record Version(FileTime modified, long size) {
    }

    public NotificationTemplates(Path dir, String from) {
        this.dir = dir;
        this.from = from;
    }

    public Notification compose(JobResult result) throws IOException {
        String template = fill(template("notification-" + result.status() + ".txt"), result);
        int split = template.indexOf("\n\n");
        // ids and addresses come from the streams: a line break in a header would add headers of the sender's choosing
        String to = UnsafeHeaderException.require("To", result.customer());
        String subject = UnsafeHeaderException.require("Subject", SUBJECT.matcher(template.substring(0, split)).replaceFirst("").strip());
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

    /** The template with each known {@code {name}} replaced by the result's value, in one pass; unknown ones stay. */
    private static String fill(String template, JobResult result) {
        StringBuilder text = new StringBuilder(template.length() + 64);
        int at = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', at)) {
            int close = template.indexOf('}', open + 1);
            if (close < 0) {
                break;
            }
            String value = value(template.substring(open + 1, close), result);
            if (value == null) { // not a placeholder: keep the brace and look on after it
                text.append(template, at, open + 1);
                at = open + 1;
            } else {
                text.append(template, at, open).append(value);
                at = close + 1;
            }
        }
        return text.append(template, at, template.length()).toString();
    }

    private static String value(String name, JobResult result) {
        return switch (name) {
            case "orderId" -> result.orderId();
            case "customer" -> result.customer();
            case "factoryId" -> result.factoryId();
            case "robotId" -> result.robotId();
            case "status" -> result.status().name();
            case "reason" -> result.reason() == null ? "" : result.reason();
            case "timestamp" -> String.valueOf(result.timestamp());
            default -> null;
        };
    }

    /** The template's text: the cached one while its file is unchanged (one stat per message), else read again. */
    private String template(String name) throws IOException {
        Path file = dir.resolve(name);
        Version version = version(file);
        Read cached = read.get(name);
        if (cached != null && Objects.equals(cached.version(), version)) {
            return cached.text();
        }
        String text = version != null ? Files.readString(file).replace("\r\n", "\n") : fromJar(name);
        read.put(name, new Read(version, text));
        return text;
    }

    /** The working-directory copy's version, or null when there is none (the jar's copy applies). */
    private static Version version(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? new Version(attributes.lastModifiedTime(), attributes.size()) : null;
        } catch (NoSuchFileException none) {
            return null;
        }
    }

    private String fromJar(String name) throws IOException {
        try (InputStream in = NotificationTemplates.class.getClassLoader().getResourceAsStream("templates/" + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("No template " + name + " in " + dir + " or the jar"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }
}
