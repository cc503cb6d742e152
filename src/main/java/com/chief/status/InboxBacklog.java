package com.chief.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files waiting in a drop folder (also the one being read: it leaves once Kinesis has every
 * record) and when the oldest arrived, by its modification time. Hidden and partial files
 * ({@code .*}, {@code *.tmp}, {@code *.part}) are skipped, as the intake route skips them.
 */
final class InboxBacklog {

    record Waiting(long files, Optional<Instant> oldest) {
    }

    private final Path folder;

    InboxBacklog(Path folder) {
        this.folder = folder;
    }

    Waiting waiting() {
        if (folder == null || !Files.isDirectory(folder)) {
            return new Waiting(0, Optional.empty());
        }
        long files = 0;
        Instant oldest = null;
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part")) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue; // read and moved away meanwhile
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                files++;
                Instant modified = attributes.lastModifiedTime().toInstant();
                oldest = oldest == null || modified.isBefore(oldest) ? modified : oldest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Waiting(files, Optional.ofNullable(oldest));
    }
}
