package com.chief.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.JobStatus;
import com.chief.support.Databases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first final status claimed for an order stands, on H2 and on MariaDB (the Aurora stand-in). */
class FinalStatusesIT {

    @TempDir
    Path dir;

    @Test
    void theFirstClaimStandsForEveryLaterClaimer() throws Exception {
        try (Databases db = Databases.create()) {
            FinalStatuses archive = new FinalStatuses(db.dataSource);
            assertThat(archive.claim(Map.of("o-1", JobStatus.Completed, "o-2", JobStatus.Failed)))
                    .isEqualTo(Map.of("o-1", JobStatus.Completed, "o-2", JobStatus.Failed));
            FinalStatuses notify = new FinalStatuses(db.dataSource); // another application, or after a restart
            assertThat(notify.claim(Map.of("o-1", JobStatus.Failed, "o-3", JobStatus.Completed)))
                    .isEqualTo(Map.of("o-1", JobStatus.Completed, "o-3", JobStatus.Completed));
            assertThat(notify.claim(Map.of())).isEmpty();
        }
    }
}
