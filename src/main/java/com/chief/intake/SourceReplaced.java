package com.chief.intake;

import java.io.IOException;

/**
 * What lies at a source's place is no longer what was opened: a writer replaced it under the same
 * name while it was read. It is neither archived nor set aside unread; it stays in the inbox and is
 * read as a new file.
 */
final class SourceReplaced extends IOException {

    SourceReplaced(String location) {
        super(location + " was replaced under the same name while it was read");
    }
}
