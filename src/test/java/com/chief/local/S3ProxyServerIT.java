package com.chief.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A put cut short by a kill (S3Proxy runs in Chief's JVM) leaves S3Proxy's {@code <key>-<UUID>} file, which the
 * next start moves aside instead of serving it as an object that repeats the archive's records.
 */
class S3ProxyServerIT {

    private static final String KEY = "orders/2026/12/06/11/shardId-000000000001-4960-0.ndjson";

    @TempDir
    Path dataDir;

    @Test
    void aPutCutShortByAKillIsNotListedAfterTheRestart() throws Exception {
        Path hour = Files.createDirectories(dataDir.resolve("s3/chief-archive/orders/2026/12/06/11"));
        Path object = Files.writeString(dataDir.resolve("s3/chief-archive/" + KEY), "{\"orderId\":\"o-1\"}\n");
        Path leftover = Files.writeString(hour.resolve(object.getFileName() + "-" + UUID.randomUUID()), "{\"orderId\":\"o-1\"}\n");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofDays(1)))); // written by an earlier run
        // a name of the same form written while this process runs: a put of another server on the same files, left alone
        Path underWay = Files.writeString(hour.resolve("other.ndjson-" + UUID.randomUUID()), "{}\n");

        ChiefSettings settings = TestSettings.local(dataDir);
        S3ProxyServer server = new S3ProxyServer(settings.dataDir(), settings.localStack().s3Port());
        server.start();
        try (S3Client s3 = AwsClients.s3(settings)) {
            assertThat(s3.listObjectsV2Paginator(r -> r.bucket("chief-archive").prefix("orders/")).contents().stream()
                    .map(S3Object::key)).containsExactlyInAnyOrder(KEY, "orders/2026/12/06/11/" + underWay.getFileName());
        } finally {
            server.close();
        }
        assertThat(leftover).doesNotExist();
        assertThat(dataDir.resolve("s3-unfinished/chief-archive/orders/2026/12/06/11").resolve(leftover.getFileName()))
                .as("kept aside, not deleted").hasContent("{\"orderId\":\"o-1\"}\n");
        assertThat(object).exists();
    }
}
