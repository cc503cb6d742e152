package com.chief.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
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
        List<StackUsage.Usage> processes = List.of(new StackUsage.Usage("Chief", 1, 16.05, 0.321, 1100.2),
                new StackUsage.Usage("search (OpenSearch)", 1, 10, 0.2, 700));
        String line = new PipelineResult(50_000, 5123.4, 48.25, 900, 1500, 1900, 1000, 380.6, 1100.2, 450.9, 0.321, 0.321,
                0.521, 1800.2, processes).jsonLine();
        assertThat(line).doesNotContain("\n").startsWith("{").endsWith("}");
        JsonNode json = Json.MAPPER.readTree(line);
        assertThat(json.fieldNames()).toIterable().containsExactly("orders", "chief_orders_per_s", "naive_orders_per_s",
                "ratio", "p50_ms", "p95_ms", "p99_ms", "offered_rate", "heap_peak_mb", "rss_mb", "emulator_rss_mb", "cpu_s_per_1k",
                "chief_cpu_s_per_1k", "stack_cpu_s_per_1k", "total_rss_mb", "processes");
        assertThat(json.path("orders").asInt()).isEqualTo(50_000);
        assertThat(json.path("ratio").asDouble()).isEqualTo(106.2);
        assertThat(json.path("p99_ms").asLong()).isEqualTo(1900);
        assertThat(json.path("cpu_s_per_1k").asDouble()).isEqualTo(0.321);
        assertThat(json.path("chief_cpu_s_per_1k").asDouble()).isEqualTo(0.321);
        assertThat(json.path("stack_cpu_s_per_1k").asDouble()).isEqualTo(0.521);
        assertThat(json.path("total_rss_mb").asLong()).isEqualTo(1800);
        assertThat(json.path("processes").path("search (OpenSearch)").path("cpu_s_per_1k").asDouble()).isEqualTo(0.2);
        assertThat(json.path("processes").path("Chief").path("rss_peak_mb").asLong()).isEqualTo(1100);
        // no naive figure: a ratio of 0, never NaN or Infinity
        assertThat(Json.MAPPER.readTree(new PipelineResult(1, 1, 0, -1, -1, -1, 1, 0, 0, 0, Double.NaN, Double.NaN, 0, 0,
                List.of()).jsonLine()).path("ratio").asDouble()).isZero();
    }

    @Test
    void processesAreNamedByTheirCommandLines() {
        assertThat(StackProcesses.name("/usr/lib/jvm/java-17/bin/java -Xmx1g -Dchief.jvm.launcher-pid=42 -jar chief.jar"))
                .isEqualTo(StackProcesses.CHIEF);
        assertThat(StackProcesses.name("/usr/bin/java -Xmx512m -cp /x/chief.jar com.chief.local.OpenSearchChild 9200"))
                .isEqualTo(StackProcesses.SEARCH);
        assertThat(StackProcesses.name("/usr/lib/jvm/java-17/bin/java -Xmx512m -Xss1m @/d/data/search/opensearch-classpath.args "
                + "com.chief.local.OpenSearchMain /d/data/search 44301 34715")).as("as the i23-children branch starts it")
                .isEqualTo(StackProcesses.SEARCH);
        assertThat(StackProcesses.name("/bin/sh /d/data/search/while-chief-runs.sh /usr/lib/jvm/java-17/bin/java -Xmx512m "
                + "com.chief.local.OpenSearchMain")).as("its watchdog").isEqualTo(StackProcesses.OTHER);
        assertThat(StackProcesses.name("java -Xmx128m -cp chief.jar org.gaul.s3proxy.Main --properties s3proxy.conf"))
                .isEqualTo(StackProcesses.S3);
        assertThat(StackProcesses.name("/tmp/d/data/db/mariadb/bin/mariadbd --datadir=/tmp/d/data/db/data --port=3307"))
                .isEqualTo(StackProcesses.DATABASE);
        assertThat(StackProcesses.name("/bin/sh /tmp/d/data/db/while-chief-runs.sh /tmp/d/data/db/mariadb/bin/mariadbd --port=1"))
                .as("the watchdog is not the database").isEqualTo(StackProcesses.OTHER);
        assertThat(StackProcesses.name("/usr/bin/node -r /d/kinesis/kinesalite/preload.js /d/kinesis/kinesalite/cli.js"))
                .isEqualTo(StackProcesses.KINESIS);
        assertThat(StackProcesses.name("/usr/bin/node -r p.js /d/dynalite/node_modules/dynalite/cli.js --port 1"))
                .isEqualTo(StackProcesses.DYNAMODB);
        assertThat(StackProcesses.name("/tmp/amazon-kinesis-producer-native-binaries/kinesis_producer_1A2B3C -o /tmp/x -i /tmp/y"))
                .isEqualTo(StackProcesses.KPL);
        assertThat(StackProcesses.name("sleep 1")).isEqualTo(StackProcesses.OTHER);
        assertThat(StackProcesses.name("")).isEqualTo(StackProcesses.OTHER);
    }

    @Test
    void cpuPerThousandOrdersIsTheDeltaOverThePhasePerProcessName() {
        assertThat(StackUsage.per1k(3.5, 5_000)).isCloseTo(0.7, within(1e-9));
        assertThat(StackUsage.per1k(3.5, 0)).isZero();
        var chief = new StackProcesses.StackProcess(1, StackProcesses.CHIEF);
        var shellA = new StackProcesses.StackProcess(2, StackProcesses.OTHER);
        var shellB = new StackProcesses.StackProcess(3, StackProcesses.OTHER);
        var kpl = new StackProcesses.StackProcess(4, StackProcesses.KPL);
        StackUsage.Snapshot before = new StackUsage.Snapshot(Map.of(1L, chief, 2L, shellA), Map.of(1L, 100.0, 2L, 1.0), 50, 0);
        StackUsage.Snapshot after = new StackUsage.Snapshot(Map.of(1L, chief, 2L, shellA, 3L, shellB, 4L, kpl),
                Map.of(1L, 110.0, 2L, 1.5, 3L, 0.5, 4L, 2.0), 66, 10_000_000_000L);
        StackUsage usage = StackUsage.between(before, after, Map.of(StackProcesses.CHIEF, 900.0, StackProcesses.OTHER, 3.0,
                StackProcesses.KPL, 20.0, StackProcesses.KINESIS, 100.0), Map.of(StackProcesses.KINESIS, 1), 10_000, 2);
        assertThat(usage.usages()).extracting(StackUsage.Usage::name)
                .as("most CPU first").containsExactly(StackProcesses.CHIEF, StackProcesses.KPL, StackProcesses.OTHER,
                        StackProcesses.KINESIS);
        assertThat(usage.chiefCpuPer1k()).as("10 s over 10 000 orders").isCloseTo(1.0, within(1e-9));
        assertThat(usage.usages().get(2).cpuPer1k()).as("0.5 + 0.5 s: one old, one new").isCloseTo(0.1, within(1e-9));
        assertThat(usage.usages().get(2).processes()).isEqualTo(2);
        assertThat(usage.stackCpuPer1k()).isCloseTo(1.3, within(1e-9));
        assertThat(StackUsage.coresBetween(before, after)).as("(10 + 0.5) s over 10 s, processes in both snapshots")
                .isCloseTo(1.05, within(1e-9));
        assertThat(usage.totalRssMb()).as("every name's peak, the emulator gone by the end included")
                .isCloseTo(1023.0, within(1e-9));
        assertThat(usage.stackCores()).isCloseTo(1.3, within(1e-9));
        assertThat(usage.machineCores()).isCloseTo(1.6, within(1e-9));
        assertThat(usage.bottleneck()).contains("bottleneck: Chief").contains("1.000 CPU s per 1,000 orders")
                .contains("1.30 of 2 cores").contains("not saturated");
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
