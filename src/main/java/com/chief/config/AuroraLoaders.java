package com.chief.config;

import com.chief.sink.aurora.ArchiveListing;
import com.chief.sink.aurora.AuroraLoader;
import com.chief.sink.aurora.ListingWatermark;
import com.chief.sink.aurora.LoadFailures;
import com.chief.sink.aurora.LoadLease;
import com.chief.sink.aurora.LoadManifest;
import com.chief.sink.aurora.NewArchiveObjects;
import com.chief.sink.aurora.ObjectLoader;
import com.chief.sink.s3.LateArchiveHours;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/** How an archive loader is put together (listing, manifest, watermark, late hours, lease), for Chief and the benchmark. */
public final class AuroraLoaders {

    private AuroraLoaders() {
    }

    public static AuroraLoader create(S3Client s3, String bucket, DataSource dataSource, ObjectLoader loader, String instance,
            int leaseSeconds, MeterRegistry meters) {
        ArchiveListing listing = new ArchiveListing(s3, bucket);
        LoadManifest manifest = new LoadManifest(dataSource);
        return new AuroraLoader(new NewArchiveObjects(listing, manifest, new ListingWatermark(dataSource),
                new LateArchiveHours(dataSource)), manifest, new LoadLease(dataSource, instance, leaseSeconds), loader,
                new LoadFailures(dataSource, listing), meters, Clock.systemUTC());
    }
}
