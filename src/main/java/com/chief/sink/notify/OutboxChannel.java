package com.chief.sink.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * The {@code outbox} channel written directly: each message as its .eml text in the outbox folder,
 * under the notification's file name, written to {@code .writing-<name>} and renamed into place, so
 * a reader of the folder only ever sees whole messages; a message sent again replaces its file. The
 * same files as the chief-notification-sink Kamelet's outbox branch, without a Camel exchange per
 * message. A disk failure is an {@link IOException} underneath, which
 * {@link ChannelFailure} takes as the channel being unavailable.
 */
public final class OutboxChannel implements Consumer<Notification> {

    /** The prefix of a file being written, the same as the Kamelet's {@code tempPrefix}. */
    static final String WRITING = ".writing-";

    private final Path dir;

    public OutboxChannel(Path dir) {
        this.dir = dir;
    }

    @Override
    public void accept(Notification notification) {
        try {
            Path writing = dir.resolve(WRITING + notification.fileName());
            byte[] eml = notification.eml().getBytes(StandardCharsets.UTF_8);
            try {
                Files.write(writing, eml);
            } catch (NoSuchFileException noFolder) { // the first message, or the folder was removed
                Files.createDirectories(dir);
                Files.write(writing, eml);
            }
            Files.move(writing, dir.resolve(notification.fileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": " + notification.fileName() + " not written", e);
        }
    }
}
