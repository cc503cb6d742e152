package com.chief.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The cheap parts of {@code bench-pipeline}: percentile math, the final JSON line, options, metric parsing. */
class PipelineBenchTest {

    @Test
    void percentilesAreNearestRank() {
        Percentiles p = new Percentiles(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(95)).isEqualTo(95);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.percentile(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(new Percentiles(new long[] {7}).percentile(99)).isEqualTo(7);
        assertThat(new Percentiles(new long[] {10, 20}).percentile(50)).isEqualTo(10);
        assertThat(new Percentiles(new long[0]).percentile(50)).isEqualTo(-1);
    }

    @Test
    void theLastLineIsOneJsonObjectWithExactlyTheDocumentedKeys() throws Exception {
        String line = new PipelineResult(50_000, 5123.4, 48.25, 900, 1500, 1900, 1000, 380.6, 1100.2, 450.9, 0.321)
                .jsonLine();
        assertThat(line).doesNotContain("\n").startsWith("{").endsWith("}");
        JsonNode json = Json.MAPPER.readTree(line);
        assertThat(json.fieldNames()).toIterable().containsExactly("orders", "chief_orders_per_s", "naive_orders_per_s",
                "ratio", "p50_ms", "p95_ms", "p99_ms", "offered_rate", "heap_peak_mb", "rss_mb", "emulator_rss_mb", "cpu_s_per_1k");
        assertThat(json.path("orders").asInt()).isEqualTo(50_000);
        assertThat(json.path("ratio").asDouble()).isEqualTo(106.2);
        assertThat(json.path("p99_ms").asLong()).isEqualTo(1900);
        assertThat(json.path("cpu_s_per_1k").asDouble()).isEqualTo(0.321);
        // no naive figure: a ratio of 0, never NaN or Infinity
        assertThat(Json.MAPPER.readTree(new PipelineResult(1, 1, 0, -1, -1, -1, 1, 0, 0, 0, Double.NaN).jsonLine())
                .path("ratio").asDouble()).isZero();
    }

    @Test
    void optionsHaveTheIssuesDefaultsAndRefuseUnknownOnes() {
        PipelineOptions defaults = PipelineOptions.parse(List.of()).orElseThrow();
        assertThat(defaults.rate()).isEqualTo(1_000);
        assertThat(defaults.durationSeconds()).isEqualTo(60);
        assertThat(defaults.naiveOrders()).isEqualTo(2_000);
        PipelineOptions given = PipelineOptions.parse(List.of("--orders", "200", "--rate", "50", "--duration", "5", "--naive"))
                .orElseThrow();
        assertThat(given.orders()).isEqualTo(200);
        assertThat(given.naiveOrders()).isEqualTo(200);
        assertThat(given.durationSeconds()).isEqualTo(5);
        assertThat(PipelineOptions.parse(List.of("--orders", "0"))).isEmpty();
        assertThat(PipelineOptions.parse(List.of("--speed"))).isEmpty();
        assertThat(PipelineOptions.parse(List.of("--orders"))).isEmpty();
    }

    @Test
    void prometheusSamplesAreSummedByLabel() {
        String page = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                chief_intake_records_total{inbox="orders",outcome="produced"} 42.0
                chief_intake_records_total{inbox="orders",outcome="read"} 43.0
                """;
        assertThat(ChiefUnderTest.metric(page, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(12_582_912.0);
        assertThat(ChiefUnderTest.metric(page, "chief_intake_records_total", "outcome=\"produced\"")).isEqualTo(42.0);
        assertThat(ChiefUnderTest.metric(page, "missing_total")).isZero();
    }
}
