package com.chief.retention;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Deletes a folder's files older than its retention (by modification time) and the folders below it
 * that this left empty (the archive's dated folders), never the folder itself. Links are deleted as
 * files, never followed. A folder that is empty but was not emptied here stays unless it is old too: a
 * writer may just have made it (today's archive folder) and be about to move a file in.
 */
public final class FolderPurge {

    private FolderPurge() {
    }

    /** Files deleted. */
    public static long purge(FolderRetention retention, Instant now) throws IOException {
        Path root = retention.folder();
        if (!Files.isDirectory(root)) {
            return 0; // nothing written there yet
        }
        FileTime cutoff = FileTime.from(now.minus(retention.retention()));
        Walk walk = new Walk(root, cutoff);
        Files.walkFileTree(root, walk);
        return walk.deleted;
    }

    private static final class Walk extends SimpleFileVisitor<Path> {

        private final Path root;
        private final FileTime cutoff;
        private final Deque<Boolean> emptiedHere = new ArrayDeque<>(); // per open folder: did this walk delete in it
        private long deleted;

        Walk(Path root, FileTime cutoff) {
            this.root = root;
            this.cutoff = cutoff;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            emptiedHere.push(false);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.lastModifiedTime().compareTo(cutoff) < 0 && delete(file)) {
                deleted++;
                markDeleted();
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // gone meanwhile (another instance on a shared folder)
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
            }
            boolean emptied = emptiedHere.pop();
            if (!dir.equals(root) && isEmpty(dir) && (emptied || Files.getLastModifiedTime(dir).compareTo(cutoff) < 0)
                    && delete(dir)) {
                markDeleted();
            }
            return FileVisitResult.CONTINUE;
        }

        private void markDeleted() {
            if (!emptiedHere.isEmpty()) {
                emptiedHere.pop();
                emptiedHere.push(true);
            }
        }

        private static boolean isEmpty(Path dir) throws IOException {
            try (var entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            } catch (NoSuchFileException e) {
                return false;
            }
        }

        /** False if it is gone already or a file appeared in the folder meanwhile. */
        private static boolean delete(Path path) throws IOException {
            try {
                Files.delete(path);
                return true;
            } catch (NoSuchFileException | DirectoryNotEmptyException e) {
                return false;
            }
        }
    }
}
