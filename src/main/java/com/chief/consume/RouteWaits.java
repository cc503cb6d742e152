package com.chief.consume;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which application's batch waits, on which shard and since when, for a route that takes no work
 * (stopped, suspended, being reloaded, stopping; {@link SystemFailures#routeUnavailable}). Recorded by
 * {@link ShardDelivery} when a batch fails that way, cleared once a batch of that shard goes through
 * or its reader stops; read by {@link RouteHolds} for the health check and the status page.
 */
public final class RouteWaits {

    /** Camel's "No consumers available on endpoint: direct://factory-west" (then ". Exchange[…]"). */
    private static final Pattern ENDPOINT = Pattern.compile("endpoint: (\\S+?)\\.?(?:\\s|$)");

    /** {@code endpoint} is the URI nobody consumes, or null when the failure names none (a route stopping). */
    public record Wait(String application, String shardId, Instant since, String endpoint, String reason) {
    }

    private final Map<String, Wait> waits = new ConcurrentHashMap<>();
    private final Clock clock;

    public RouteWaits(Clock clock) {
        this.clock = clock;
    }

    /** {@code unavailable}: the failure that said so. The first of a run of failures sets {@code since}. */
    void waiting(String application, String shardId, Throwable unavailable) {
        String message = String.valueOf(unavailable.getMessage());
        Matcher endpoint = ENDPOINT.matcher(message);
        waits.compute(key(application, shardId), (key, earlier) -> new Wait(application, shardId,
                earlier == null ? clock.instant() : earlier.since(), endpoint.find() ? endpoint.group(1) : null, message));
    }

    void cleared(String application, String shardId) {
        waits.remove(key(application, shardId));
    }

    /** Every wait now, longest first. */
    public List<Wait> current() {
        return waits.values().stream().sorted(Comparator.comparing(Wait::since).thenComparing(Wait::application)
                .thenComparing(Wait::shardId)).toList();
    }

    private static String key(String application, String shardId) {
        return application + "/" + shardId;
    }
}
