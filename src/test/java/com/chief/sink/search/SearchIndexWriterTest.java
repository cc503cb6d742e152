package com.chief.sink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chief.consume.BatchDeduplicator;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.DedupeKeys;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import com.chief.health.Probe;
import com.chief.health.Probes;
import com.chief.sink.FinalStatuses;
import com.chief.sink.OneFinalStatus;
import com.chief.sink.RetryDuration;
import com.chief.support.Databases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which refused bulk items a search application may set aside: a document's own data errors at once,
 * and an item the engine keeps refusing while it indexes others once its retry duration is over. An
 * engine refusing everything (no permission, no index, a write block, throttling, a server error)
 * holds the batch, and so the checkpoint, until the engine takes it.
 */
class SearchIndexWriterTest {

    @TempDir
    Path dir;

    private Databases db;
    private BatchDeduplicator dedupe;
    private final List<IndexAction> sent = new ArrayList<>();
    private volatile BulkItemResult answerForBad;
    private SearchIndexWriter writer;
    private SearchIndexWriter.Bulk bulk;
    private final SearchDocuments documents = new SearchDocuments("chief-orders", "chief-job-status", "chief-job-history", "yyyy.MM");
    private final SearchRefusals refusals = new SearchRefusals();
    private final Probe health = Probes.allOf(() -> "cluster green", refusals); // as ChiefConfiguration registers it
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void open() {
        db = Databases.create();
        dedupe = new BatchDeduplicator(db.dataSource);
        bulk = actions -> {
            sent.addAll(actions);
            return actions.stream().map(a -> a.id().startsWith("bad") && answerForBad != null ? answerForBad
                    : new BulkItemResult(201, a.index(), null, null)).toList();
        };
        writer = writer(Duration.ofMinutes(5));
    }

    private SearchIndexWriter writer(Duration retryDuration) {
        return new SearchIndexWriter("order-search", dedupe, DedupeKeys::order, documents::order, bulk,
                new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry()), refusals,
                new RetryDuration("order-search", retryDuration, meters));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @ParameterizedTest
    @CsvSource({
            "401, security_exception, missing authentication credentials for REST request",
            "403, security_exception, no permissions for [indices:data/write/bulk[s]]",
            "404, index_not_found_exception, no such index [chief-orders-2026.11] and [action.auto_create_index] is [false]",
            "403, cluster_block_exception, index [chief-orders-2026.11] blocked by: [FORBIDDEN/8/index write (api)]",
            "429, cluster_block_exception, index [chief-orders-2026.11] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark]",
            "429, es_rejected_execution_exception, rejected execution of coordinating operation",
            "503, unavailable_shards_exception, primary shard is not active",
            "400, index_closed_exception, closed"})
    void anEngineRefusingEveryItemHoldsTheBatchAndSetsNothingAside(int status, String type, String reason) throws Exception {
        answerForBad = new BulkItemResult(status, "chief-orders-2026.11", type, reason);
        RecordBatch batch = batch("bad-1", "bad-2");

        assertThatThrownBy(() -> writer.handle(batch)).isInstanceOf(SystemUnavailableException.class).hasMessageContaining(type);
        assertThat(deadLetters()).isEmpty();
        assertThat(dedupe.unseen("order-search", batch.records(), DedupeKeys::order)).as("nothing remembered").hasSize(2);
        assertThatThrownBy(health::check).as("search health is DOWN with the engine's reason")
                .hasMessageContaining("order-search").hasMessageContaining(status + " " + type);

        answerForBad = null; // the operator fixed it
        sent.clear();
        assertThat(writer.handle(batch)).isEqualTo(batch.last());
        assertThat(sent).extracting(IndexAction::id).containsExactly("bad-1", "bad-2");
        assertThat(deadLetters()).isEmpty();
        assertThat(health.check()).isEqualTo("cluster green, bulk requests accepted");
    }

    @ParameterizedTest
    @CsvSource({
            "403, cluster_block_exception, index [chief-orders-2026.11] blocked by: [FORBIDDEN/8/index write (api)]",
            "400, index_closed_exception, closed",
            "503, unavailable_shards_exception, primary shard is not active"})
    void anItemRefusedWhileOthersAreIndexedHoldsNothingElseAndIsDeadLetteredAfterTheRetryDuration(int status, String type,
            String reason) throws Exception {
        writer = writer(Duration.ofSeconds(2));
        answerForBad = new BulkItemResult(status, "chief-orders-2026.11", type, reason);
        RecordBatch first = batch("good", "bad");
        RecordBatch later = batch("good-2");

        assertThat(writer.handle(first)).as("the checkpoint waits for the refused item").isNull();
        assertThatThrownBy(health::check).as("the refusal shows in health").hasMessageContaining(type);
        assertThat(writer.handle(later)).as("a later batch is indexed, its checkpoint waits too").isNull();
        assertThat(sent).extracting(IndexAction::id).containsExactly("good", "bad", "good-2");
        assertThat(dedupe.unseen("order-search", first.records(), DedupeKeys::order)).as("the refused record not yet remembered")
                .extracting(UserRecord::partitionKey).containsExactly("bad");
        assertThat(deadLetters()).isEmpty();

        Checkpoint passed = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> writer.idle("shardId-0"), checkpoint -> checkpoint != null);

        assertThat(passed).isEqualTo(later.last());
        assertThat(sent).extracting(IndexAction::id).filteredOn(id -> id.equals("bad")).as("retried meanwhile").hasSizeGreaterThan(2);
        assertThat(deadLetters()).singleElement().satisfies(letter -> assertThat(letter).contains("\"bad\"").contains(type)
                .contains("while others were taken"));
        assertThat(dedupe.unseen("order-search", first.records(), DedupeKeys::order)).isEmpty();
        assertThat(meters.get("chief.refused.given.up").tag("application", "order-search").counter().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            "400, mapper_parsing_exception, failed to parse field [orderedAt] of type [date]",
            "400, document_parsing_exception, '[1:52] failed to parse field [orderedAt] of type [date]'",
            "400, illegal_argument_exception, Limit of total fields [1000] has been exceeded",
            "400, strict_dynamic_mapping_exception, mapping set to strict, dynamic introduction of [x] is not allowed",
            "400, action_request_validation_exception, 'Validation Failed: 1: id is too long'"})
    void aDocumentsOwnDataErrorSetsOnlyThatRecordAsideAndTheBatchGoesOn(int status, String type, String reason) throws Exception {
        answerForBad = new BulkItemResult(status, "chief-orders-2026.11", type, reason);
        RecordBatch batch = batch("good", "bad");

        assertThat(writer.handle(batch)).isEqualTo(batch.last());

        assertThat(deadLetters()).singleElement().satisfies(letter -> assertThat(letter).contains("\"bad\"").contains(type));
        assertThat(dedupe.unseen("order-search", batch.records(), DedupeKeys::order)).isEmpty();
        assertThat(health.check()).as("a document's error is no outage").isEqualTo("cluster green, bulk requests accepted");
    }

    @Test
    void onlyAnOrdersFirstFinalStatusIsIndexedAcrossBatchesAndRestartsAContradictingOneIsDeadLetteredAndCounted()
            throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordBatch first = jobResults(result("c-1", "InProgress", 1), result("c-1", "Completed", 2), result("c-1", "Failed", 3));
        assertThat(jobResultSearch(meters).handle(first)).isEqualTo(first.last());
        RecordBatch later = jobResults(result("c-1", "Failed", 4));
        assertThat(jobResultSearch(meters).handle(later)).as("after a restart, a batch of a contradiction alone")
                .isEqualTo(later.last());

        assertThat(sent).extracting(action -> action.id() + " " + action.document().get("status")).containsExactly(
                "c-1 InProgress", "c-1:InProgress InProgress", "c-1 Completed", "c-1:Completed Completed");
        assertThat(deadLetters("jobresult-search")).hasSize(2).allSatisfy(letter -> assertThat(letter)
                .contains("order c-1: final status Failed set aside, it contradicts Completed"));
        assertThat(meters.get("chief.job.results.contradicting").tag("application", "jobresult-search").counter().count())
                .isEqualTo(2);
    }

    /** The jobresult-search application as Chief declares and guards it, over this test's fake bulk. */
    private BatchHandler jobResultSearch(SimpleMeterRegistry meters) {
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter"), meters);
        ConsumingApplication search = SearchApplication.JOB_RESULTS.create(documents, bulk, dedupe, deadLetters, refusals,
                Duration.ofMinutes(5), meters);
        return OneFinalStatus.guard(search, new FinalStatuses(db.dataSource), deadLetters, meters).handler();
    }

    private static RecordBatch jobResults(UserRecord... records) {
        return new RecordBatch("jobresult-search", "JobResultsStream", "shardId-0", List.of(records));
    }

    private static UserRecord result(String orderId, String status, long sequence) {
        String json = "{\"orderId\":\"" + orderId + "\",\"customer\":\"c@example.com\",\"status\":\"" + status
                + "\",\"timestamp\":\"2026-11-22T10:0" + sequence + ":00Z\"}";
        return new UserRecord("shardId-0", orderId, String.valueOf(sequence), 0, Instant.now(), json.getBytes(StandardCharsets.UTF_8));
    }

    private RecordBatch batch(String... ids) {
        List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            String json = "{\"orderId\":\"" + ids[i] + "\",\"customer\":\"c@example.com\",\"orderedAt\":\"2026-11-22T10:00:00Z\"}";
            records.add(new UserRecord("shardId-0", ids[i], String.valueOf(100 + i), 0, Instant.now(),
                    json.getBytes(StandardCharsets.UTF_8)));
        }
        return new RecordBatch("order-search", "OrdersStream", "shardId-0", records);
    }

    private List<String> deadLetters() throws Exception {
        return deadLetters("order-search");
    }

    private List<String> deadLetters(String application) throws Exception {
        Path letters = dir.resolve("dead-letter").resolve(application);
        if (!Files.isDirectory(letters)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(letters)) {
            List<String> all = new ArrayList<>();
            for (Path file : files.toList()) {
                all.add(Files.readString(file));
            }
            return all;
        }
    }
}
