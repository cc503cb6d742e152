package com.chief.intake;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A file in a drop folder; archived and set aside by moving it between {@link IntakeFolders}. */
record FolderSource(Path file, IntakeFolders folders) implements IntakeSource {

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

    @Override
    public Reader open() throws IOException, InboxFile.Unreadable {
        return InboxFile.open(file);
    }

    @Override
    public String archive() throws IOException {
        return folders.archive(file).toString();
    }

    @Override
    public String setAside(String reason) throws IOException {
        return folders.fail(file, reason).toString();
    }
}
