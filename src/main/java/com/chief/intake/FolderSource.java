package com.chief.intake;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

/**
 * A file in a drop folder; archived and set aside by moving it between {@link IntakeFolders}, but
 * only if it is still the file that was opened (same inode, size and modification time): a writer
 * may rename a new file into its place while it is read. A replacement in the instant between that
 * check and the move is not caught.
 */
final class FolderSource implements IntakeSource {

    /** What identifies the file read: its inode (file key), size and modification time. */
    private record Identity(Object fileKey, long size, FileTime modified) {
    }

    private final Path file;
    private final IntakeFolders folders;
    private Identity opened;

    FolderSource(Path file, IntakeFolders folders) {
        this.file = file;
        this.folders = folders;
    }

    @Override
    public String name() {
        return file.getFileName().toString();
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public boolean exists() {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Notes the file's identity first: a file replaced between the two is then taken for replaced, and read again. */
    @Override
    public Reader open() throws IOException, InboxFile.Unreadable {
        opened = identity();
        return InboxFile.open(file);
    }

    @Override
    public String archive() throws IOException {
        unchanged();
        return folders.archive(file).toString();
    }

    @Override
    public String setAside(String reason) throws IOException {
        unchanged();
        return folders.fail(file, reason).toString();
    }

    /** As it was when opened: the identity read then holds its modification time. */
    @Override
    public Optional<Instant> writtenAt() {
        return Optional.ofNullable(opened).map(identity -> identity.modified().toInstant());
    }

    private void unchanged() throws IOException {
        if (opened != null && !opened.equals(identity())) {
            throw new SourceReplaced(location());
        }
    }

    private Identity identity() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new Identity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
}
