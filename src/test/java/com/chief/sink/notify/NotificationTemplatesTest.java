package com.chief.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.JobResult;
import com.chief.model.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates are read once and kept, yet an edit of the file applies to the next message. */
class NotificationTemplatesTest {

    @TempDir
    Path dir;

    private final JobResult completed = new JobResult("o-1", "c@example.com", "factory2", "robot3", JobStatus.Completed, null,
            Instant.parse("2026-12-06T03:00:00Z"));

    @Test
    void everyPlaceholderIsFilledAndAnUnknownOneLeftAsItIs() throws Exception {
        Files.writeString(dir.resolve("notification-Completed.txt"),
                "Subject: {orderId} for {customer}\r\n\r\n{robotId}/{factoryId} {status} [{reason}] {timestamp} {unknown} {orderId");
        Notification message = new NotificationTemplates(dir, "orders@chief.example").compose(completed);
        assertThat(message.subject()).isEqualTo("o-1 for c@example.com");
        assertThat(message.text()).isEqualTo("robot3/factory2 Completed [] 2026-12-06T03:00:00Z {unknown} {orderId");
        assertThat(message.fileName()).isEqualTo("o-1-Completed.eml");
        assertThat(message.eml()).startsWith("From: orders@chief.example\r\nTo: c@example.com\r\nSubject: o-1 for c@example.com\r\n");
    }

    @Test
    void anEditedTemplateAppliesToTheNextMessageAndWithoutACopyTheJarsIsUsed() throws Exception {
        NotificationTemplates templates = new NotificationTemplates(dir, "orders@chief.example");
        assertThat(templates.compose(completed).subject()).isEqualTo("Your Chief order o-1 is ready"); // the jar's
        Path file = dir.resolve("notification-Completed.txt");
        Files.writeString(file, "Subject: first {orderId}\n\nbody");
        assertThat(templates.compose(completed).subject()).isEqualTo("first o-1");
        assertThat(templates.compose(completed).subject()).as("kept").isEqualTo("first o-1");
        FileTime modified = Files.getLastModifiedTime(file);
        Files.writeString(file, "Subject: again {orderId}\n\nbody"); // the same size, a later time
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 2_000));
        assertThat(templates.compose(completed).subject()).isEqualTo("again o-1");
        Files.delete(file);
        assertThat(templates.compose(completed).subject()).isEqualTo("Your Chief order o-1 is ready");
    }
}
