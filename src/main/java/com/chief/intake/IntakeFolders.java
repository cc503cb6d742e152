package com.chief.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a file goes when it is done: archive (dated), error (with a reason file), and where its rejects go. */
public record IntakeFolders(Path archiveDir, Path errorDir, Path rejectedDir, Clock clock) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    Path archive(Path file) throws IOException {
        return moveInto(file, archivedOn(archiveDir, clock.instant()));
    }

    /** The folder of the intake archive that holds the files archived on {@code day}'s date (UTC). */
    public static Path archivedOn(Path archiveDir, Instant day) {
        return archiveDir.resolve(DAY.format(day));
    }

    Path fail(Path file, String reason) throws IOException {
        Path moved = moveInto(file, errorDir);
        Files.writeString(moved.resolveSibling(moved.getFileName() + ".reason.txt"), reason + System.lineSeparator(),
                StandardCharsets.UTF_8);
        return moved;
    }

    RejectWriter rejectWriter(String fileName) {
        return new RejectWriter(rejectedDir, fileName);
    }

    /**
     * Moves keeping the name; a name already taken (the same file dropped twice) gets a time stamp.
     * Across file systems (an inbox mounted apart from the data folder) a rename cannot work: the
     * file is copied under a dot-name, forced to disk, renamed into place, and only then deleted.
     */
    private Path moveInto(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(file.getFileName());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = dir.resolve(file.getFileName() + "." + STAMP.format(clock.instant()));
        }
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException acrossFileSystems) {
            Path part = dir.resolve("." + target.getFileName() + ".part");
            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(file);
            return target;
        }
    }
}
