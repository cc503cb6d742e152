package com.chief.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firehose's rule for a destination (a notification channel, a search engine) that refuses one item
 * while it takes others (DESIGN §7): the item is retried for at most the retry duration from its first
 * refusal, then given up on with every reason seen, counted in {@code chief.refused.given.up} and
 * logged. Whether the destination took anything since an item's first refusal is what tells "refuses
 * this item" from "refuses everything" (an outage: held, never given up on); that is decided here only.
 * The clocks live in memory: after a restart an item that is still refused starts its duration again.
 */
public final class RetryDuration {

    private static final Logger LOG = LoggerFactory.getLogger(RetryDuration.class);
    /** Pauses between retries of one refused item double from the first up to the longest. */
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    /** What to do with an item the destination refused just now. */
    public enum Verdict {
        /** Within its retry duration (or the destination refuses everything): keep it and try again later. */
        RETRY,
        /** Refused for longer than the retry duration while the destination took others: set it aside. */
        GIVE_UP,
        /** The destination refuses everything it was offered lately: hold the batch, give up on nothing. */
        OUTAGE
    }

    /** One reason as often as it was seen, first and last time. */
    private static final class Seen {
        int count;
        Instant first;
        Instant last;
    }

    /** An item's refusals; {@code acceptancesBefore}: how many items the destination had taken at its first refusal. */
    private static final class Refusals {
        final Instant first;
        final long acceptancesBefore;
        Instant last;
        int times;
        final Map<String, Seen> reasons = new LinkedHashMap<>();

        Refusals(Instant first, long acceptancesBefore) {
            this.first = first;
            this.acceptancesBefore = acceptancesBefore;
        }
    }

    private final String application;
    private final Duration limit;
    private final Clock clock;
    private final Counter givenUp;
    private final Map<String, Refusals> byItem = new ConcurrentHashMap<>();
    private long acceptances; // a count, not a time: "taken since" must not depend on the clock's resolution

    public RetryDuration(String application, Duration limit, MeterRegistry meters) {
        this(application, limit, meters, Clock.systemUTC());
    }

    RetryDuration(String application, Duration limit, MeterRegistry meters, Clock clock) {
        this.application = application;
        this.limit = limit;
        this.clock = clock;
        this.givenUp = Counter.builder("chief.refused.given.up").tag("application", application)
                .description("Items a destination refused for longer than the retry duration while taking others, set aside")
                .register(meters);
    }

    public Duration limit() {
        return limit;
    }

    /** The destination took one item. */
    public void accepted() {
        answered(1, Map.of());
    }

    /** The destination, offered one item alone, refused it for {@code reason}. */
    public Verdict refused(String item, String reason) {
        return answered(0, Map.of(item, reason)).get(item);
    }

    /**
     * The destination answered one offer (a bulk request, a message): it took {@code taken} items and
     * refused {@code refused} (item to reason). An offer of which nothing was taken is an outage if it
     * refused more than one item, or if the destination took nothing since another item's first
     * refusal: every item of it is then {@link Verdict#OUTAGE}. Otherwise each refused item is given up
     * once its duration is over and the destination took others since its first refusal (this offer's
     * other items count).
     */
    public synchronized Map<String, Verdict> answered(int taken, Map<String, String> refused) {
        Instant now = clock.instant();
        long before = acceptances;
        acceptances += taken;
        boolean outage = taken == 0 && !refused.isEmpty()
                && (refused.size() > 1 || takenNothingSinceAnotherWasRefused(refused.keySet()));
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        refused.forEach((item, reason) -> {
            Refusals refusals = byItem.computeIfAbsent(item, i -> new Refusals(now, before));
            refusals.times++;
            refusals.last = now;
            Seen seen = refusals.reasons.computeIfAbsent(reason, r -> new Seen());
            seen.count++;
            seen.first = seen.first == null ? now : seen.first;
            seen.last = now;
            boolean takesOthers = acceptances > refusals.acceptancesBefore;
            boolean expired = Duration.between(refusals.first, now).compareTo(limit) >= 0;
            verdicts.put(item, outage ? Verdict.OUTAGE : takesOthers && expired ? Verdict.GIVE_UP : Verdict.RETRY);
        });
        return verdicts;
    }

    /** Whether {@code item} was refused before and is still being retried. */
    public boolean known(String item) {
        return byItem.containsKey(item);
    }

    /** Whether a refused item's pause is over: pauses double from 1 s up to 30 s between its refusals. */
    public synchronized boolean due(String item) {
        Refusals refusals = byItem.get(item);
        if (refusals == null) {
            return true;
        }
        long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(refusals.times - 1, 10));
        return !clock.instant().isBefore(refusals.last.plusMillis(pause));
    }

    /**
     * Gives up on an item ({@link Verdict#GIVE_UP}): counts it, logs a WARN, forgets it, and returns the
     * reason for its dead letter, with every reason seen.
     */
    public synchronized String giveUp(String item, String what) {
        Refusals refusals = byItem.remove(item);
        String reason = what + " refused " + refusals.times + " times for " + Duration.between(refusals.first, refusals.last)
                + " (retry duration " + limit + ") while others were taken: " + describe(refusals);
        givenUp.increment();
        LOG.warn("{}: {} {}", application, item, reason);
        return reason;
    }

    /** The item went through, was set aside for another reason, or is no longer this instance's. */
    public void forget(String item) {
        byItem.remove(item);
    }

    private boolean takenNothingSinceAnotherWasRefused(Set<String> items) {
        return byItem.entrySet().stream().anyMatch(other -> !items.contains(other.getKey())
                && other.getValue().acceptancesBefore == acceptances);
    }

    private static String describe(Refusals refusals) {
        return refusals.reasons.entrySet().stream()
                .map(r -> r.getValue().count + "x " + r.getKey() + " (first " + r.getValue().first + ", last " + r.getValue().last + ")")
                .collect(Collectors.joining("; "));
    }
}
