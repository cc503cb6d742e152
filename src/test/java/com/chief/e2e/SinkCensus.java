package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Counts what every sink of a Chief holds, per order id and status, from the sinks only (S3 archive,
 * search, database, webhook deliveries, inbox, checkpoints against the streams), and checks the
 * promises of docs/guarantees.md: every order once per sink, one Pending, InProgress and final
 * status per order, no order with both Completed and Failed anywhere, the notified final status the
 * archived one, repeated deliveries within {@code kills x notify readers}. The fault suite and the kill
 * suite share it, so both hold Chief to the same facts.
 */
final class SinkCensus {

    static final Set<String> FINALS = Set.of("Completed", "Failed");
    private static final Map<String, String> APPLICATION_STREAMS = new TreeMap<>(Map.of(
            "order-factory", "OrdersStream", "order-archive", "OrdersStream", "order-search", "OrdersStream",
            "jobresult-archive", "JobResultsStream", "jobresult-search", "JobResultsStream", "jobresult-notify", "JobResultsStream"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final S3Client s3;
    private final String searchUrl;
    private final String databaseUrl;
    private final KinesisClient kinesis;
    private final Map<String, AtomicInteger> deliveries;
    private final Path inbox;
    private final int kills;
    private final Set<String> notifyDeadLettered;
    private final Set<String> searchDeadLettered;

    /**
     * @param searchUrl   e.g. {@code http://127.0.0.1:9200}
     * @param databaseUrl a JDBC URL with its user
     * @param deliveries  the webhook receiver's deliveries per Idempotency-Key
     * @param kills       the SIGKILLs of the run: each may send one message in flight per notify reader again
     * @param notifyDeadLettered orders whose notification the receiver refuses for good: expected dead-lettered, never
     *                    delivered (every other order is still expected notified exactly once)
     * @param searchDeadLettered orders whose document the search engine refuses for good: expected dead-lettered, never
     *                    searchable
     */
    SinkCensus(S3Client s3, String searchUrl, String databaseUrl, KinesisClient kinesis, Map<String, AtomicInteger> deliveries,
            Path inbox, int kills, Set<String> notifyDeadLettered, Set<String> searchDeadLettered) {
        this.s3 = s3;
        this.searchUrl = searchUrl;
        this.databaseUrl = databaseUrl;
        this.kinesis = kinesis;
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.kills = kills;
        this.notifyDeadLettered = Set.copyOf(notifyDeadLettered);
        this.searchDeadLettered = Set.copyOf(searchDeadLettered);
    }

    /** A census of a run in which the receiver takes every message. */
    SinkCensus(S3Client s3, String searchUrl, String databaseUrl, KinesisClient kinesis, Map<String, AtomicInteger> deliveries,
            Path inbox, int kills) {
        this(s3, searchUrl, databaseUrl, kinesis, deliveries, inbox, kills, Set.of(), Set.of());
    }

    /** What every sink holds, counted per order id (and status). */
    record Counts(Map<String, Integer> s3Orders, Map<String, Map<String, Integer>> s3Events,
            Map<String, Integer> searchOrders, long searchOrderHits, Map<String, String> searchStatus,
            Map<String, Map<String, Integer>> searchHistory,
            Map<String, Integer> dbOrders, Map<String, Map<String, Integer>> dbEvents, Map<String, String> dbStatus,
            Map<String, Map<String, Integer>> notifications, long deliveries, int inbox,
            Map<String, String> checkpointsBehind, int checkpointsChecked, int notifyReaders, int kills,
            Set<String> notifyDeadLettered, Set<String> searchDeadLettered) {

        /** The orders of {@code expected} whose customer must be told: all but those expected dead-lettered. */
        Set<String> toNotify(Set<String> expected) {
            Set<String> told = new HashSet<>(expected);
            told.removeAll(notifyDeadLettered);
            return told;
        }

        /** The orders of {@code expected} that must be searchable: all but those expected dead-lettered. */
        Set<String> toSearch(Set<String> expected) {
            Set<String> searchable = new HashSet<>(expected);
            searchable.removeAll(searchDeadLettered);
            return searchable;
        }

        /**
         * A SIGKILL between the channel taking a message and Chief recording it sends that message again
         * (same Idempotency-Key): at most one in flight per reader thread of jobresult-notify (one per
         * shard) and kill.
         */
        long repeatsAllowed() {
            return (long) kills * notifyReaders;
        }

        long repeats() {
            return deliveries - sumNested(notifications);
        }

        /** Orders with both Completed and Failed in one sink, per sink. */
        Map<String, Set<String>> contradictions() {
            Map<String, Set<String>> found = new LinkedHashMap<>();
            found.put("S3 archive", contradicting(s3Events));
            found.put("history index", contradicting(searchHistory));
            found.put("job_result_events", contradicting(dbEvents));
            found.put("notifications", contradicting(notifications));
            return found;
        }

        /** Orders whose notified final status is not the one in the archive (only where each has exactly one). */
        Set<String> notifiedOtherThanArchived() {
            Set<String> differ = new HashSet<>();
            notifications.forEach((id, messages) -> {
                Set<String> archived = finals(s3Events.getOrDefault(id, Map.of()));
                Set<String> notified = finals(messages);
                if (archived.size() == 1 && notified.size() == 1 && !archived.equals(notified)) {
                    differ.add(id);
                }
            });
            return differ;
        }
    }

    Counts count() throws Exception {
        Map<String, Integer> s3Orders = new HashMap<>();
        Map<String, Map<String, Integer>> s3Events = new HashMap<>();
        for (String line : ArchiveBucket.lines(s3, "orders/")) {
            s3Orders.merge(Json.MAPPER.readTree(line).path("orderId").asText(), 1, Integer::sum);
        }
        for (String line : ArchiveBucket.lines(s3, "job-results/")) {
            JsonNode event = Json.MAPPER.readTree(line);
            s3Events.computeIfAbsent(event.path("orderId").asText(), k -> new HashMap<>())
                    .merge(event.path("status").asText(), 1, Integer::sum);
        }
        Map<String, Integer> searchOrders = new HashMap<>();
        Map<String, String> searchStatus = new HashMap<>();
        post("/_refresh", "");
        JsonNode hits = Json.MAPPER.readTree(post("/chief-orders-*/_search?size=10000",
                "{\"_source\":false,\"track_total_hits\":true,\"query\":{\"match_all\":{}}}")).path("hits");
        long searchHits = hits.path("total").path("value").asLong();
        hits.path("hits").forEach(hit -> searchOrders.merge(hit.path("_id").asText(), 1, Integer::sum));
        JsonNode statuses = Json.MAPPER.readTree(post("/chief-job-status/_search?size=10000",
                "{\"_source\":[\"status\"],\"query\":{\"match_all\":{}}}")).path("hits").path("hits");
        statuses.forEach(hit -> searchStatus.put(hit.path("_id").asText(), hit.path("_source").path("status").asText()));
        Map<String, Map<String, Integer>> searchHistory = historyPerOrder();

        Map<String, Integer> dbOrders = new HashMap<>();
        Map<String, Map<String, Integer>> dbEvents = new HashMap<>();
        Map<String, String> dbStatus = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT order_id, COUNT(*) FROM orders GROUP BY order_id")) {
                while (rows.next()) {
                    dbOrders.put(rows.getString(1), rows.getInt(2));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT order_id, status, COUNT(*) FROM job_result_events GROUP BY order_id, status")) {
                while (rows.next()) {
                    dbEvents.computeIfAbsent(rows.getString(1), k -> new HashMap<>()).put(rows.getString(2), rows.getInt(3));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT order_id, status FROM order_status")) {
                while (rows.next()) {
                    dbStatus.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        Map<String, Map<String, Integer>> notifications = new HashMap<>();
        long delivered = 0;
        for (Map.Entry<String, AtomicInteger> message : deliveries.entrySet()) {
            // <orderId.status@chief>
            String id = message.getKey().replaceAll("^<|@chief>$", "");
            int dot = id.lastIndexOf('.');
            notifications.computeIfAbsent(id.substring(0, dot), k -> new HashMap<>())
                    .merge(id.substring(dot + 1), 1, Integer::sum);
            delivered += message.getValue().get();
        }
        Map<String, String> behind = new TreeMap<>();
        int checked = checkpoints(behind);
        int notifyReaders = kinesis.listShards(r -> r.streamName(APPLICATION_STREAMS.get("jobresult-notify"))).shards().size();
        return new Counts(s3Orders, s3Events, searchOrders, searchHits, searchStatus, searchHistory, dbOrders, dbEvents,
                dbStatus, notifications, delivered, ChiefRestarts.allFiles(inbox).size(), behind, checked, notifyReaders, kills,
                notifyDeadLettered, searchDeadLettered);
    }

    /**
     * History documents per order and status over all chief-job-history-* indices (a composite aggregation,
     * paged: there are more documents than one search returns). A document's id is order:status, but one
     * per daily index, so the same (order, status) twice shows as 2.
     */
    private Map<String, Map<String, Integer>> historyPerOrder() throws Exception {
        Map<String, Map<String, Integer>> history = new HashMap<>();
        JsonNode after = null;
        do {
            ObjectNode composite = Json.MAPPER.createObjectNode().put("size", 5000);
            composite.putArray("sources")
                    .add(Json.MAPPER.readTree("{\"order\":{\"terms\":{\"field\":\"orderId\"}}}"))
                    .add(Json.MAPPER.readTree("{\"status\":{\"terms\":{\"field\":\"status\"}}}"));
            if (after != null) {
                composite.set("after", after);
            }
            ObjectNode request = Json.MAPPER.createObjectNode().put("size", 0);
            request.putObject("aggs").putObject("per").set("composite", composite);
            JsonNode per = Json.MAPPER.readTree(post("/chief-job-history-*/_search", request.toString()))
                    .path("aggregations").path("per");
            for (JsonNode bucket : per.path("buckets")) {
                history.computeIfAbsent(bucket.path("key").path("order").asText(), k -> new HashMap<>())
                        .put(bucket.path("key").path("status").asText(), bucket.path("doc_count").asInt());
            }
            after = per.path("buckets").isEmpty() ? null : per.get("after_key");
        } while (after != null);
        return history;
    }

    /**
     * Once settled, the sinks stay settled for six seconds before they are counted: one more load run, and time for
     * any stray repeat to land.
     */
    void staysSettled(Set<String> expected, ChiefProcess chief) {
        await("everything stays settled").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(2)).failFast("Chief exited", () -> !chief.isAlive())
                .until(() -> settled(expected));
    }

    /** Whether every sink holds everything of {@code expected} (not yet whether only once): worth counting then. */
    boolean settled(Set<String> expected) throws Exception {
        if (!ChiefRestarts.allFiles(inbox).isEmpty() || deliveries.size() < expected.size() - notifyDeadLettered.size()) {
            return false;
        }
        Counts counts = count();
        return counts.dbOrders().keySet().containsAll(expected) && sumNested(counts.dbEvents()) >= 3L * expected.size()
                && counts.s3Orders().keySet().containsAll(expected) && counts.s3Events().size() >= expected.size()
                && counts.searchOrders().keySet().containsAll(counts.toSearch(expected)) && sumNested(counts.searchHistory()) >= 3L * expected.size()
                && counts.searchStatus().values().stream().filter(FINALS::contains).count() >= expected.size()
                && counts.checkpointsBehind().isEmpty();
    }

    /** Compares each application's checkpoint with the last record of every shard; returns the number compared. */
    private int checkpoints(Map<String, String> behind) throws Exception {
        Map<String, String> checkpoints = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT application, stream_name, shard_id, sequence_number FROM kinesis_checkpoint")) {
            while (rows.next()) {
                checkpoints.put(rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3), rows.getString(4));
            }
        }
        int checked = 0;
        for (String stream : List.of("OrdersStream", "JobResultsStream")) {
            Map<String, String> last = lastSequences(stream);
            for (Map.Entry<String, String> application : APPLICATION_STREAMS.entrySet()) {
                if (!application.getValue().equals(stream)) {
                    continue;
                }
                for (Map.Entry<String, String> shard : last.entrySet()) {
                    checked++;
                    String key = application.getKey() + "/" + stream + "/" + shard.getKey();
                    String at = checkpoints.get(key);
                    if (!shard.getValue().equals(at)) {
                        behind.put(key, "checkpoint " + at + ", shard ends at " + shard.getValue());
                    }
                }
            }
        }
        return checked;
    }

    /** shard id -> sequence number of its last record (shards without records left out). */
    private Map<String, String> lastSequences(String stream) {
        Map<String, String> last = new TreeMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                if (!response.records().isEmpty()) {
                    last.put(shard.shardId(), response.records().get(response.records().size() - 1).sequenceNumber());
                }
                if (response.records().isEmpty() && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return last;
    }

    // ---------------------------------------------------------------- the report and the promises

    /** The table of expected against counted, one row per fact; a differing row is marked. */
    static String table(Counts c, int unique) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-58s %10s %10s%n", "count", "expected", "actual"));
        Map<String, long[]> rows = new LinkedHashMap<>();
        rows.put("S3 archive: orders (distinct ids)", new long[] {unique, c.s3Orders().size()});
        rows.put("S3 archive: order lines", new long[] {unique, sum(c.s3Orders())});
        rows.put("S3 archive: orders with one Pending/InProgress/final", new long[] {unique, sequences(c.s3Events())});
        rows.put("S3 archive: job-result lines", new long[] {3L * unique, sumNested(c.s3Events())});
        rows.put("search: chief-orders-* documents", new long[] {unique - c.searchDeadLettered().size(), c.searchOrderHits()});
        rows.put("search: chief-job-status final (Completed|Failed)", new long[] {unique,
                c.searchStatus().values().stream().filter(FINALS::contains).count()});
        rows.put("search: chief-job-history-* documents", new long[] {3L * unique, sumNested(c.searchHistory())});
        rows.put("search: orders with one Pending/InProgress/final in history", new long[] {unique, sequences(c.searchHistory())});
        rows.put("database: orders rows", new long[] {unique, sum(c.dbOrders())});
        rows.put("database: orders (distinct ids)", new long[] {unique, c.dbOrders().size()});
        rows.put("database: job_result_events rows", new long[] {3L * unique, sumNested(c.dbEvents())});
        rows.put("database: orders with one Pending/InProgress/final", new long[] {unique, sequences(c.dbEvents())});
        long told = unique - c.notifyDeadLettered().size();
        rows.put("notifications: messages (distinct Idempotency-Key)", new long[] {told, sumNested(c.notifications())});
        rows.put("notifications: orders with one final message", new long[] {told,
                c.notifications().values().stream().filter(m -> m.size() == 1 && sum(m) == 1).count()});
        c.contradictions().forEach((sink, ids) -> rows.put(sink + ": orders with Completed and Failed", new long[] {0, ids.size()}));
        rows.put("notifications: final status other than archived", new long[] {0, c.notifiedOtherThanArchived().size()});
        rows.put("files left in the inbox", new long[] {0, c.inbox()});
        rows.put("checkpoints at their shard's end", new long[] {c.checkpointsChecked(),
                c.checkpointsChecked() - c.checkpointsBehind().size()});
        rows.forEach((name, v) -> out.append(String.format("%-58s %10d %10d%s%n", name, v[0], v[1], v[0] == v[1] ? "" : "  <--")));
        out.append(String.format("%-58s %10s %10d%s%n", "notifications: deliveries repeating a message (kills x readers)",
                "<= " + c.repeatsAllowed(), c.repeats(), c.repeats() >= 0 && c.repeats() <= c.repeatsAllowed() ? "" : "  <--"));
        // how often each final came about: with a raised failure rate a re-decided job shows as a contradiction
        out.append(String.format("%-58s %10s %10s%n", "S3 archive: finals Completed / Failed", "",
                finalsOf(c.s3Events(), "Completed") + " / " + finalsOf(c.s3Events(), "Failed")));
        c.checkpointsBehind().forEach((key, what) -> out.append("  behind: ").append(key).append(": ").append(what).append('\n'));
        c.contradictions().forEach((sink, ids) -> ids.stream().sorted().limit(5).forEach(id -> out.append("  contradicting in ")
                .append(sink).append(": ").append(id).append(" s3=").append(c.s3Events().get(id)).append(" history=")
                .append(c.searchHistory().get(id)).append(" db=").append(c.dbEvents().get(id)).append(" notified=")
                .append(c.notifications().get(id)).append('\n')));
        return out.toString();
    }

    /** Orders lost (missing from a sink) and doubled (more than once in a sink), over every sink. */
    record Tally(Set<String> lost, Set<String> doubled) {
    }

    static Tally tally(Counts c, Set<String> expected) {
        Set<String> lost = new HashSet<>();
        Set<String> doubled = new HashSet<>();
        for (String id : expected) {
            List<Integer> stored = List.of(c.s3Orders().getOrDefault(id, 0), c.dbOrders().getOrDefault(id, 0));
            int searchable = c.searchOrders().getOrDefault(id, 0);
            if (searchable != (c.searchDeadLettered().contains(id) ? 0 : 1)) {
                (searchable == 0 ? lost : doubled).add(id);
            }
            for (Integer times : stored) {
                if (times == 0) {
                    lost.add(id);
                } else if (times > 1) {
                    doubled.add(id);
                }
            }
            for (Map<String, Integer> events : List.of(c.s3Events().getOrDefault(id, Map.of()),
                    c.searchHistory().getOrDefault(id, Map.of()), c.dbEvents().getOrDefault(id, Map.of()))) {
                if (!oneSequence(events)) {
                    (sum(events) > 3 ? doubled : lost).add(id);
                }
            }
            int messages = sum(c.notifications().getOrDefault(id, Map.of()));
            int due = c.notifyDeadLettered().contains(id) ? 0 : 1;
            if (messages < due) {
                lost.add(id);
            } else if (messages > due) {
                doubled.add(id);
            }
        }
        return new Tally(lost, doubled);
    }

    /** Every promise of docs/guarantees.md that a count can check, for the orders in {@code expected}. */
    static void verify(Counts c, Set<String> expected) {
        Tally tally = tally(c, expected);
        // the table and a few orders in every sink in the message: CI keeps only the end of the output
        String table = table(c, expected.size());
        assertThat(tally.lost().size()).as("orders lost, e.g.%n%s%n%s", examples(c, tally.lost()), table).isZero();
        assertThat(tally.doubled().size()).as("orders doubled, e.g.%n%s%n%s", examples(c, tally.doubled()), table).isZero();
        c.contradictions().forEach((sink, ids) -> assertThat(ids).as(sink + ": orders with both Completed and Failed").isEmpty());
        assertThat(c.notifiedOtherThanArchived()).as("orders notified with another final status than archived").isEmpty();

        assertThat(c.s3Orders()).as("S3: every unique valid order, once").containsOnlyKeys(expected).allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.s3Events().keySet()).as("S3 job results: nothing but the orders").isEqualTo(expected);
        assertThat(c.s3Events()).allSatisfy((id, events) -> assertThat(oneSequence(events)).as(id + " " + events).isTrue());
        assertThat(c.searchOrders()).as("search: one document per order (none for those expected dead-lettered)")
                .containsOnlyKeys(c.toSearch(expected)).allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.searchOrderHits()).isEqualTo(c.toSearch(expected).size());
        assertThat(c.searchStatus()).as("search: every current status final").containsOnlyKeys(expected)
                .allSatisfy((id, status) -> assertThat(status).isIn(FINALS));
        assertThat(c.searchHistory().keySet()).as("search history: nothing but the orders").isEqualTo(expected);
        assertThat(c.searchHistory()).as("search history: one Pending, InProgress and final per order")
                .allSatisfy((id, events) -> assertThat(oneSequence(events)).as(id + " " + events).isTrue());
        assertThat(c.dbOrders()).as("database: one orders row per order").containsOnlyKeys(expected)
                .allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(c.dbEvents().keySet()).isEqualTo(expected);
        assertThat(c.dbEvents()).allSatisfy((id, events) -> assertThat(oneSequence(events)).as(id + " " + events).isTrue());
        assertThat(c.dbStatus()).as("order_status final").containsOnlyKeys(expected)
                .allSatisfy((id, status) -> assertThat(status).isIn(FINALS));
        assertThat(c.notifications()).as("notifications: one per order (none for those expected dead-lettered)")
                .containsOnlyKeys(c.toNotify(expected));
        c.notifications().forEach((id, messages) -> {
            String finalStatus = c.s3Events().get(id).containsKey("Completed") ? "Completed" : "Failed";
            assertThat(messages).as("one message for " + id + ", its final status").isEqualTo(Map.of(finalStatus, 1));
        });
        // a database outage holds the batch without sending again; only a SIGKILL sends a message again
        assertThat(c.repeats()).as("webhook deliveries repeating a message").isBetween(0L, c.repeatsAllowed());
        assertThat(c.inbox()).as("no file left in the inbox").isZero();
        assertThat(c.checkpointsBehind()).as("every checkpoint at its shard's end").isEmpty();
        assertThat(c.checkpointsChecked()).as("checkpoints compared (6 applications over their shards)").isGreaterThanOrEqualTo(6);
    }

    /** Up to five of {@code ids}, each with what every sink holds of it. */
    private static String examples(Counts c, Set<String> ids) {
        StringBuilder out = new StringBuilder();
        ids.stream().sorted().limit(5).forEach(id -> out.append(String.format(
                "  %s: S3 %d %s, search %d %s, database %d %s, notified %s%n", id, c.s3Orders().getOrDefault(id, 0),
                c.s3Events().get(id), c.searchOrders().getOrDefault(id, 0), c.searchHistory().get(id),
                c.dbOrders().getOrDefault(id, 0), c.dbEvents().get(id), c.notifications().get(id))));
        return out.toString();
    }

    static boolean oneSequence(Map<String, Integer> events) {
        int finals = events.getOrDefault("Completed", 0) + events.getOrDefault("Failed", 0);
        return events.getOrDefault("Pending", 0) == 1 && events.getOrDefault("InProgress", 0) == 1 && finals == 1
                && sum(events) == 3;
    }

    private static long finalsOf(Map<String, Map<String, Integer>> events, String status) {
        return events.values().stream().filter(statuses -> statuses.containsKey(status)).count();
    }

    private static Set<String> contradicting(Map<String, Map<String, Integer>> perOrder) {
        Set<String> ids = new HashSet<>();
        perOrder.forEach((id, statuses) -> {
            if (finals(statuses).size() > 1) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Set<String> finals(Map<String, Integer> statuses) {
        Set<String> found = new HashSet<>(statuses.keySet());
        found.retainAll(FINALS);
        return found;
    }

    static long sequences(Map<String, Map<String, Integer>> events) {
        return events.values().stream().filter(SinkCensus::oneSequence).count();
    }

    static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    static long sumNested(Map<String, Map<String, Integer>> counts) {
        return counts.values().stream().mapToLong(SinkCensus::sum).sum();
    }

    private String post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(searchUrl + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
