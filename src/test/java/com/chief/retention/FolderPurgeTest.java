package com.chief.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderPurgeTest {

    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    @Test
    void oldFilesAndTheDateFoldersTheyLeaveEmptyGoYoungOnesAndTheFolderItselfStay() throws Exception {
        Path archive = dir.resolve("archive/intake");
        Path oldDay = file(archive.resolve("2026/11/01/a.json"), 40);
        file(archive.resolve("2026/11/01/b.json"), 35);
        Path mixedDay = file(archive.resolve("2026/11/20/c.json"), 31);
        Path youngInMixed = file(archive.resolve("2026/11/20/d.json"), 2);
        Path today = Files.createDirectories(archive.resolve("2026/12/06")); // just made, nothing in it yet

        long deleted = FolderPurge.purge(new FolderRetention("intake-archive", archive, Duration.ofDays(30)), NOW);

        assertThat(deleted).isEqualTo(3);
        assertThat(oldDay.getParent()).as("a day folder the purge emptied").doesNotExist();
        assertThat(mixedDay).doesNotExist();
        assertThat(youngInMixed).exists();
        assertThat(today).as("an empty folder someone just made").exists();
        assertThat(archive).exists();
    }

    @Test
    void everythingOldGoesButTheFolderItself() throws Exception {
        Path rejected = dir.resolve("rejected");
        file(rejected.resolve("x.json.rejects.ndjson"), 31);
        Path oldEmpty = Files.createDirectories(rejected.resolve("left-over"));
        Files.setLastModifiedTime(oldEmpty, FileTime.from(NOW.minus(Duration.ofDays(60))));

        assertThat(FolderPurge.purge(new FolderRetention("rejected", rejected, Duration.ofDays(30)), NOW)).isEqualTo(1);

        assertThat(rejected).isEmptyDirectory();
    }

    @Test
    void linksAreDeletedNeverFollowed() throws Exception {
        Path elsewhere = file(dir.resolve("inbox/orders/unread.json"), 90);
        Path deadLetters = Files.createDirectories(dir.resolve("dead-letter"));
        Path link = Files.createSymbolicLink(deadLetters.resolve("inbox"), elsewhere.getParent());

        FolderPurge.purge(new FolderRetention("dead-letter", deadLetters, Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(2))); // the link itself is old by then

        assertThat(link).doesNotExist();
        assertThat(elsewhere).as("the file the link pointed into").exists();
    }

    @Test
    void aFolderNotMadeYetIsNothingToPurge() throws Exception {
        assertThat(FolderPurge.purge(new FolderRetention("error", dir.resolve("error/intake"), Duration.ofDays(1)), NOW)).isZero();
    }

    private static Path file(Path path, int daysOld) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "{}");
        Files.setLastModifiedTime(path, FileTime.from(NOW.minus(Duration.ofDays(daysOld))));
        return path;
    }
}
