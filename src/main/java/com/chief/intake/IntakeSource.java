package com.chief.intake;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.Optional;

/**
 * One thing dropped into an inbox, wherever it lies: how to open it as text, and where it goes when
 * done. {@link FileIntake} takes any source through the same scanner, parsers, rejects, producer,
 * acknowledgements and retries; a drop-folder file ({@link FolderSource}) and an S3 object
 * ({@link S3ObjectSource}) differ only here.
 */
public interface IntakeSource {

    /** The file name: logs, and the name of its rejects file. */
    String name();

    /** Where it is, unique within its inbox: logs, and the key of its retries. */
    String location();

    /** When it was last written, if known: how long it waited to be read is timed from then. */
    default Optional<Instant> writtenAt() {
        return Optional.empty();
    }

    /** False when another instance finished it between this one's listing and its lock. */
    boolean exists();

    /** Its records' text (gzip read through); {@link InboxFile.Unreadable} when it can never be read as records. */
    Reader open() throws IOException, InboxFile.Unreadable;

    /** Moves it to the archive once every record is acknowledged; returns where it went. */
    String archive() throws IOException;

    /** Moves it aside with a reason (it cannot be read through, or attempts ran out); returns where it went. */
    String setAside(String reason) throws IOException;
}
