package com.chief.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a file goes when it is done: archive (dated), error (with a reason file), and where its rejects go. */
public record IntakeFolders(Path archiveDir, Path errorDir, Path rejectedDir, Clock clock) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    Path archive(Path file) throws IOException {
        return moveInto(file, archiveDir.resolve(DAY.format(clock.instant())));
    }

    Path fail(Path file, String reason) throws IOException {
        Path moved = moveInto(file, errorDir);
        Files.writeString(moved.resolveSibling(moved.getFileName() + ".reason.txt"), reason + System.lineSeparator(),
                StandardCharsets.UTF_8);
        return moved;
    }

    RejectWriter rejectWriter(Path file) {
        return new RejectWriter(rejectedDir, file.getFileName().toString());
    }

    /** Moves keeping the name; a name already taken (the same file dropped twice) gets a time stamp. */
    private Path moveInto(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(file.getFileName());
        if (Files.exists(target)) {
            target = dir.resolve(file.getFileName() + "." + STAMP.format(clock.instant()));
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
