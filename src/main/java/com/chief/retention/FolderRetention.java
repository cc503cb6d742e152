package com.chief.retention;

import java.nio.file.Path;
import java.time.Duration;

/** A folder whose files go once older than the retention (by modification time); {@code target} names it in logs and metrics. */
public record FolderRetention(String target, Path folder, Duration retention) {
}
