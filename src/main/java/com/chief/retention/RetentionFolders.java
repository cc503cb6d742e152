package com.chief.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled purge of this instance's folders (route {@code retention-purge-files}). Not clustered:
 * each instance has its own data folder, so each purges its own, at the same scheduled times. Counts
 * {@code chief.retention.purged{target}} in files.
 */
public final class RetentionFolders {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionFolders.class);

    private final List<FolderRetention> folders;
    private final MeterRegistry meters;
    private final Clock clock;

    public RetentionFolders(List<FolderRetention> folders, MeterRegistry meters, Clock clock) {
        this.folders = folders;
        this.meters = meters;
        this.clock = clock;
    }

    /** Files purged per folder. */
    public Map<String, Long> run() {
        Instant now = clock.instant();
        Map<String, Long> purged = new LinkedHashMap<>();
        for (FolderRetention folder : folders) {
            long started = System.nanoTime();
            try {
                long deleted = FolderPurge.purge(folder, now);
                purged.put(folder.target(), deleted);
                meters.counter("chief.retention.purged", "target", folder.target()).increment(deleted);
                if (deleted > 0) {
                    LOG.info("Retention: {} files in {} older than {} days purged, {} ms", deleted, folder.folder(),
                            folder.retention().toDays(), Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
            } catch (Exception e) {
                LOG.warn("Retention: purging {} failed, the next run carries on: {}", folder.folder(), e.getMessage());
            }
        }
        return purged;
    }
}
