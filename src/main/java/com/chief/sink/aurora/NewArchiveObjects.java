package com.chief.sink.aurora;

import com.chief.sink.s3.ArchiveLayout;
import com.chief.sink.s3.LateArchiveHours;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the archive objects not in the manifest, at a cost that follows what is new rather than
 * the size of the archive. Keys carry arrival hours ({@link ArchiveLayout}), so each run lists
 * forward from its watermark; an object is written within {@link ArchiveLayout#LATE} of its hour,
 * or its hour is registered as late, so a watermark kept {@link #MARGIN} behind the run's start
 * misses nothing: it moves only once a whole run has loaded (or set aside) what it found. Objects
 * set aside are looked at again (one HEAD each) until a new version of them loads.
 */
public final class NewArchiveObjects {

    /** The writer's lateness bound plus an hour for the writer's and the loader's clocks to differ. */
    static final Duration MARGIN = ArchiveLayout.LATE.plus(Duration.ofHours(1));

    private final ArchiveListing listing;
    private final LoadManifest manifest;
    private final ListingWatermark watermark;
    private final LateArchiveHours lateHours;

    public NewArchiveObjects(ArchiveListing listing, LoadManifest manifest, ListingWatermark watermark,
            LateArchiveHours lateHours) {
        this.listing = listing;
        this.manifest = manifest;
        this.watermark = watermark;
        this.lateHours = lateHours;
    }

    /** What one run found: the objects, oldest first, and the progress to record once they are all done. */
    public record Found(List<StoredObject> objects, Map<String, Instant> nextHours, Map<String, Long> lateHours) {
    }

    /** {@code start}: when the run began (before any listing), which bounds how far the watermark may move. */
    public Found find(Instant start) throws SQLException {
        Map<String, StoredObject> found = new LinkedHashMap<>();
        Map<String, Instant> nextHours = new LinkedHashMap<>();
        Instant listedTo = ArchiveLayout.hourOf(start).minus(MARGIN);
        for (String prefix : ArchiveLayout.PREFIXES) {
            Optional<Instant> from = watermark.next(prefix);
            String first = from.map(hour -> ArchiveLayout.before(prefix, hour)).orElse(ArchiveLayout.all(prefix));
            add(found, listing.listFrom(prefix, from), manifest.known(first, ArchiveLayout.all(prefix)));
            nextHours.put(prefix, from.filter(hour -> hour.isAfter(listedTo)).orElse(listedTo));
        }
        Map<String, Long> late = lateHours.registered();
        for (String hourPrefix : late.keySet()) {
            add(found, listing.listHour(hourPrefix), manifest.known(hourPrefix, hourPrefix));
        }
        for (String key : manifest.setAsideKeys()) { // fixed in place, maybe long after its hour was listed
            add(found, listing.head(key).stream().toList(), manifest.known(key, key));
        }
        List<StoredObject> objects = new ArrayList<>(found.values());
        objects.sort(Comparator.comparing(StoredObject::lastModified).thenComparing(StoredObject::key));
        return new Found(objects, nextHours, late);
    }

    /** Every object found is loaded or set aside: the next run starts after them. */
    public void done(Found found) throws SQLException {
        for (Map.Entry<String, Instant> next : found.nextHours().entrySet()) {
            watermark.advance(next.getKey(), next.getValue());
        }
        for (Map.Entry<String, Long> hour : found.lateHours().entrySet()) {
            lateHours.listed(hour.getKey(), hour.getValue());
        }
    }

    private static void add(Map<String, StoredObject> found, List<StoredObject> listed, Set<String> known) {
        listed.stream().filter(object -> !LoadManifest.contains(known, object)).forEach(object -> found.put(object.key(), object));
    }
}
