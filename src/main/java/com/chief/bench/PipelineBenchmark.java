package com.chief.bench;

import com.chief.local.EmbeddedMariaDb;
import com.chief.model.Json;
import com.chief.sink.search.SearchApplication;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar chief.jar bench-pipeline [--orders N] [--rate R] [--duration S] [--naive]}: the
 * packaged Chief started as a user starts it (local profile, tailor at full speed, the Aurora load
 * every 2 s), then
 * <ol>
 * <li>throughput: one file of N orders renamed into the inbox, timed until every order is in the S3
 * archive (object contents), searchable and in the database;</li>
 * <li>latency: R orders/s, a file every second (--file-interval-ms), for S seconds, each order timed from its file's
 * landing until a search finds it;</li>
 * <li>the naive Camel pipeline ({@link NaivePipeline}) on the same local systems, timed the same way;</li>
 * <li>a graceful stop, timed.</li>
 * </ol>
 * Prints a table, writes an HTML chart, and ends with one JSON line ({@link PipelineResult}).
 */
public final class PipelineBenchmark {

    static final String ORDERS_INDEX = "chief-orders-*";
    private static final Duration STALL = Duration.ofSeconds(120);

    /** Completion of one pipeline's throughput run: seconds until each sink held every order (-1: never). */
    record Run(String name, int orders, double produced, double archived, double searchable, double stored,
            long[] counts, List<double[]> series) {
        double all() {
            return archived < 0 || searchable < 0 || stored < 0 ? -1 : Math.max(archived, Math.max(searchable, stored));
        }

        double perSecond() {
            return all() > 0 ? orders / all() : 0;
        }
    }

    private PipelineBenchmark() {
    }

    public static int run(List<String> args) throws Exception {
        Optional<PipelineOptions> parsed = PipelineOptions.parse(args);
        if (parsed.isEmpty()) {
            return 2;
        }
        PipelineOptions options = parsed.get();
        Path jar = Path.of(PipelineBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!jar.toString().endsWith(".jar")) {
            jar = Path.of("target/chief.jar").toAbsolutePath();
        }
        Path runDir = Files.createTempDirectory("chief-bench-pipeline");
        Path chiefDir = Files.createDirectories(runDir.resolve("chief"));
        System.out.printf("Pipeline benchmark: %d orders, then %d orders/s for %d s, naive pipeline on %d orders; "
                        + "%d cores, load %s; Chief in %s%n", options.orders(), options.rate(), options.durationSeconds(),
                options.naiveOrders(), Runtime.getRuntime().availableProcessors(), load(), chiefDir);
        BenchOrders generator = new BenchOrders(2_000);

        Map<String, String> env = Map.of("CHIEF_TAILOR_SPEED_FACTOR", "360000", "CHIEF_AURORA_CRON", "0/2 * * * * ?");
        try (ChiefUnderTest chief = new ChiefUnderTest(jar, chiefDir, options, env)) {
            double startSeconds = chief.awaitHealthy(Duration.ofSeconds(180));
            System.out.printf("Chief healthy %.1f s after launch; processes: %s%n", startSeconds,
                    StackProcesses.under(chief.handle()).stream().map(p -> p.name() + " " + p.pid()).toList());
            Path inbox = chiefDir.resolve("data/inbox/orders");
            String searchUrl = chief.url("CHIEF_LOCAL_SEARCH_PORT");
            try (ResourceSampler resources = new ResourceSampler(chief);
                    SinkCounts counts = new SinkCounts(chief.url("CHIEF_LOCAL_S3_PORT"), "chief-archive", "orders/", searchUrl,
                            chief.jdbcUrl(EmbeddedMariaDb.DATABASE))) {
                // warm-up: one small file through everything
                BenchOrders.land(generator.write(runDir.resolve("staging/warm.json"), "wm-", 0, 200), inbox, "warm.json");
                Run warm = chiefRun(chief, counts, "wm-", 200, System.nanoTime(), Duration.ofSeconds(120));
                System.out.printf("warm-up: 200 orders everywhere in %.1f s%n", warm.all());

                Path file = generator.write(runDir.resolve("staging/throughput.json"), "tp-", 0, options.orders());
                StackUsage.Snapshot cpuBefore = StackUsage.Snapshot.take(chief.handle());
                String loadBefore = load();
                double producedBefore = produced(chief);
                long landed = BenchOrders.land(file, inbox, "throughput.json");
                Run chiefRun = chiefRun(chief, counts, "tp-", options.orders(), landed, STALL, producedBefore);
                StackUsage.Snapshot cpuAfter = StackUsage.Snapshot.take(chief.handle());
                System.out.printf("throughput: %d orders everywhere in %.1f s (load before %s, after %s)%n", options.orders(),
                        chiefRun.all(), loadBefore, load());

                settle(chief.handle());
                LatencyRun latency = LatencyRun.measure(generator, runDir.resolve("staging"), inbox, searchUrl, options.rate(),
                        options.durationSeconds(), options.fileIntervalMs());
                Percentiles percentiles = new Percentiles(latency.latenciesMs());
                System.out.printf("latency: %d of %d orders searchable, p50 %d ms, p99 %d ms (load %s)%n", percentiles.count(),
                        latency.offered(), percentiles.percentile(50), percentiles.percentile(99), load());
                printLatencyStages(chief.metrics());

                Run naive = naive(chief, runDir, generator, options.naiveOrders());
                System.out.printf("naive: %d orders everywhere in %.1f s (load %s)%n", naive.orders(), naive.all(), load());

                double heapPeak = resources.heapPeakMb();
                double liveHeapPeak = resources.liveHeapPeakMb();
                double rssPeak = resources.rssPeakMb();
                double emulatorPeak = resources.emulatorRssPeakMb();
                double emulatorNow = resources.emulatorRssMb();
                resources.close();
                StackUsage stack = StackUsage.between(cpuBefore, cpuAfter, resources.peakRssMbByName(), resources.countByName(),
                        options.orders(), Runtime.getRuntime().availableProcessors());
                double stopSeconds = chief.stop(Duration.ofSeconds(90));

                PipelineResult result = new PipelineResult(options.orders(), chiefRun.perSecond(), naive.perSecond(),
                        percentiles.percentile(50), percentiles.percentile(95), percentiles.percentile(99), options.rate(),
                        heapPeak, rssPeak, emulatorPeak, stack.chiefCpuPer1k(), stack.chiefCpuPer1k(), stack.stackCpuPer1k(),
                        stack.totalRssMb(), stack.usages());
                printTable(chiefRun, naive, latency, percentiles, result, startSeconds, stopSeconds, emulatorNow, stack);
                System.out.printf("%-44s %10.0f%n", "Chief heap live after old-gen GC, peak, MiB", liveHeapPeak);
                Path chart = BenchChart.write(Path.of("data/bench"), chiefRun, naive, latency, percentiles, result);
                System.out.println("Chart: " + chart.toAbsolutePath());
                System.out.println(result.jsonLine());
            }
        }
        return 0;
    }

    private static double produced(ChiefUnderTest chief) {
        return ChiefUnderTest.metric(chief.metrics(), "chief_intake_records_total", "inbox=\"orders\"", "outcome=\"produced\"");
    }

    private static Run chiefRun(ChiefUnderTest chief, SinkCounts counts, String prefix, int orders, long landed, Duration stall)
            throws InterruptedException {
        return chiefRun(chief, counts, prefix, orders, landed, stall, produced(chief));
    }

    /** Samples the sinks every 500 ms until each holds every order, or nothing moved for {@code stall}. */
    private static Run chiefRun(ChiefUnderTest chief, SinkCounts counts, String prefix, int orders, long landed, Duration stall,
            double producedBefore) throws InterruptedException {
        double[] done = {-1, -1, -1, -1};
        long[] last = new long[4];
        List<double[]> series = new ArrayList<>();
        long lastProgress = System.nanoTime();
        while (true) {
            long[] now = {
                (long) (produced(chief) - producedBefore),
                counts.archived(prefix),
                counts.searchable(ORDERS_INDEX, prefix),
                counts.rows("orders", "order_id", prefix)};
            double t = (System.nanoTime() - landed) / 1e9;
            series.add(new double[] {t, now[0], now[1], now[2], now[3]});
            boolean moved = false;
            for (int i = 0; i < 4; i++) {
                moved |= now[i] != last[i];
                if (done[i] < 0 && now[i] >= orders) {
                    done[i] = t;
                }
            }
            last = now;
            if (moved) {
                lastProgress = System.nanoTime();
            }
            if ((done[1] >= 0 && done[2] >= 0 && done[3] >= 0) || System.nanoTime() - lastProgress > stall.toNanos()) {
                return new Run("Chief", orders, done[0], done[1], done[2], done[3], last, series);
            }
            Thread.sleep(500);
        }
    }

    private static Run naive(ChiefUnderTest chief, Path runDir, BenchOrders generator, int orders) throws Exception {
        if (orders <= 0) {
            return new Run("naive", 0, -1, -1, -1, -1, new long[4], List.of());
        }
        Path inbox = Files.createDirectories(runDir.resolve("naive-inbox"));
        try (NaivePipeline naive = new NaivePipeline(chief.url("CHIEF_LOCAL_KINESIS_PORT"), chief.url("CHIEF_LOCAL_S3_PORT"),
                "127.0.0.1:" + chief.ports.get("CHIEF_LOCAL_SEARCH_PORT"), chief.jdbcUrl(""), inbox);
                SinkCounts counts = new SinkCounts(chief.url("CHIEF_LOCAL_S3_PORT"), NaivePipeline.BUCKET, "orders/",
                        chief.url("CHIEF_LOCAL_SEARCH_PORT"), naive.jdbcUrl)) {
            naive.start();
            Path file = generator.write(runDir.resolve("staging/naive.json"), "nv-", 0, orders);
            long landed = BenchOrders.land(file, inbox, "naive.json");
            double[] done = {-1, -1, -1};
            long[] last = new long[3];
            List<double[]> series = new ArrayList<>();
            long lastProgress = System.nanoTime();
            while (true) {
                Thread.sleep(1000);
                long[] now = {counts.objects(), counts.searchable(NaivePipeline.INDEX, "nv-"),
                    counts.rows(NaivePipeline.TABLE, "order_id", "nv-")};
                double t = (System.nanoTime() - landed) / 1e9;
                series.add(new double[] {t, -1, now[0], now[1], now[2]});
                boolean moved = false;
                for (int i = 0; i < 3; i++) {
                    moved |= now[i] != last[i];
                    if (done[i] < 0 && now[i] >= orders) {
                        done[i] = t;
                    }
                }
                last = now;
                if (moved) {
                    lastProgress = System.nanoTime();
                }
                if ((done[0] >= 0 && done[1] >= 0 && done[2] >= 0) || System.nanoTime() - lastProgress > STALL.toNanos()) {
                    return new Run("naive", orders, -1, done[0], done[1], done[2], new long[] {-1, last[0], last[1], last[2]},
                            series);
                }
            }
        }
    }

    private static void printTable(Run chief, Run naive, LatencyRun latency, Percentiles p, PipelineResult result,
            double startSeconds, double stopSeconds, double emulatorRssNow, StackUsage stack) {
        System.out.printf("%n%-44s %10s %10s %10s%n", "throughput (file landing → sink)", "orders", "seconds", "orders/s");
        for (Run run : List.of(chief, naive)) {
            if (run.orders() == 0) {
                continue;
            }
            if (run == chief) {
                stage(run.name() + ": intake → Kinesis (produced)", run.counts()[0], run.produced());
            }
            stage(run.name() + ": S3 archive (object contents)", run.counts()[1], run.archived());
            stage(run.name() + ": searchable", run.counts()[2], run.searchable());
            stage(run.name() + ": database" + (run == chief ? " (Aurora load)" : " (1 insert/order)"), run.counts()[3],
                    run.stored());
            stage(run.name() + ": whole pipeline (all three)", run.orders(), run.all());
        }
        System.out.printf("%-44s %10.1f%n", "Chief vs naive, orders/s", result.ratio());
        System.out.printf("%n%-44s %10s%n", "latency, file landing → searchable", "ms");
        System.out.printf("%-44s %10d of %d at %d orders/s offered (%.0f achieved)%n", "orders measured", p.count(),
                latency.offered(), latency.rate(), latency.achievedRate());
        for (double q : new double[] {50, 95, 99}) {
            System.out.printf("%-44s %10d%n", "p" + (int) q, p.percentile(q));
        }
        System.out.printf("%-44s %10d%n", "max", p.max());
        System.out.printf("%n%-44s %10s%n", "resources", "value");
        System.out.printf("%-44s %10.0f%n", "Chief heap peak, MiB (sampled every 5 s)", result.heapPeakMb());
        System.out.printf("%-44s %10.0f%n", "Chief RSS peak, MiB (VmHWM)", result.rssMb());
        System.out.printf("%-44s %10.0f%n", "emulator RSS peak, MiB (VmHWM)", result.emulatorRssMb());
        System.out.printf("%-44s %10.0f%n", "emulator RSS at the end, MiB", emulatorRssNow);
        System.out.printf("%-44s %10.0f%n", "all processes: sum of RSS peaks, MiB", result.totalRssMb());
        System.out.printf("%-44s %10.1f%n", "start: launch → health UP, s", startSeconds);
        System.out.printf("%-44s %10.1f%n", "graceful stop: SIGTERM → exited, s", stopSeconds);
        System.out.printf("%-44s %10s%n", "load average at the end", load());
        System.out.printf("%n%-44s %10s %14s %12s%n", "per process, throughput phase", "processes", "CPU s / 1,000",
                "RSS peak MiB");
        for (StackUsage.Usage usage : stack.usages()) {
            System.out.printf("%-44s %10d %14.3f %12.0f%n", usage.name(), usage.processes(), usage.cpuPer1k(), usage.peakRssMb());
        }
        System.out.printf("%-44s %10s %14.3f %12.0f%n", "the whole stack", "", stack.stackCpuPer1k(), stack.totalRssMb());
        System.out.println(stack.bottleneck());
    }

    private static void stage(String name, long orders, double seconds) {
        System.out.printf("%-44s %10d %10s %10s%n", name, orders, seconds < 0 ? "not all" : String.format("%.1f", seconds),
                seconds > 0 ? String.format("%.0f", orders / seconds) : "-");
    }

    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /** The steady-rate phase: a file every {@code intervalMs}, each order timed from its file's landing until a search finds it. */
    record LatencyRun(int rate, int offered, double achievedRate, long[] latenciesMs, List<double[]> foundPerSecond) {

        static LatencyRun measure(BenchOrders generator, Path staging, Path inbox, String searchUrl, int rate, int seconds,
                int intervalMs) throws Exception {
            if (seconds <= 0) {
                return new LatencyRun(rate, 0, 0, new long[0], List.of());
            }
            int perFile = Math.max(1, (int) ((long) rate * intervalMs / 1000));
            int files = (int) Math.max(1, (long) seconds * 1000 / intervalMs);
            Map<String, Long> pending = new LinkedHashMap<>();
            List<Long> latencies = new ArrayList<>();
            Map<Long, Integer> perSecond = new java.util.TreeMap<>();
            AtomicInteger written = new AtomicInteger();
            long started = System.nanoTime();
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            writer.scheduleAtFixedRate(() -> {
                int f = written.get();
                if (f >= files) {
                    return;
                }
                try {
                    Path staged = generator.write(staging.resolve("lat-" + f + ".json"), "lt-" + f + "-", 0, perFile);
                    long at = BenchOrders.land(staged, inbox, "lat-" + f + ".json");
                    synchronized (pending) {
                        for (int i = 0; i < perFile; i++) {
                            pending.put("lt-" + f + "-" + i, at);
                        }
                    }
                    written.incrementAndGet();
                } catch (Exception e) {
                    System.err.println("latency writer: " + e);
                }
            }, 0, intervalMs, TimeUnit.MILLISECONDS);
            long lastFound = System.nanoTime();
            while (written.get() < files || System.nanoTime() - lastFound < Duration.ofSeconds(60).toNanos()) {
                List<String> ids;
                synchronized (pending) {
                    if (pending.isEmpty() && written.get() >= files) {
                        break;
                    }
                    ids = new ArrayList<>();
                    Iterator<String> it = pending.keySet().iterator();
                    while (it.hasNext() && ids.size() < 10_000) {
                        ids.add(it.next());
                    }
                }
                long asked = System.nanoTime();
                if (!ids.isEmpty()) {
                    HttpResponse<String> response = ChiefUnderTest.post(searchUrl + "/" + ORDERS_INDEX + "/_search",
                            "{\"size\":" + ids.size() + ",\"_source\":false,\"query\":{\"ids\":{\"values\":"
                                    + Json.MAPPER.writeValueAsString(ids) + "}}}");
                    long answered = System.nanoTime();
                    if (response == null || response.statusCode() != 200) {
                        System.err.println("latency search: " + (response == null ? "no answer" : response.statusCode() + " "
                                + response.body().substring(0, Math.min(300, response.body().length()))));
                    } else {
                        for (JsonNode hit : Json.MAPPER.readTree(response.body()).path("hits").path("hits")) {
                            Long at;
                            synchronized (pending) {
                                at = pending.remove(hit.path("_id").asText());
                            }
                            if (at != null) {
                                latencies.add((answered - at) / 1_000_000);
                                perSecond.merge((answered - started) / 1_000_000_000L, 1, Integer::sum);
                                lastFound = answered;
                            }
                        }
                    }
                }
                long sleep = 100 - (System.nanoTime() - asked) / 1_000_000;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
            double writing = Math.max(0.1, seconds);
            writer.shutdownNow();
            List<double[]> found = new ArrayList<>();
            perSecond.forEach((second, n) -> found.add(new double[] {second, n}));
            return new LatencyRun(rate, files * perFile, written.get() * perFile / writing,
                    latencies.stream().mapToLong(Long::longValue).toArray(), found);
        }
    }

    /**
     * The throughput phase leaves work behind once its orders are in every sink (their job results through four
     * sinks, the load's upserts, the engine's merges): the latency phase measures 200 orders/s offered, not that
     * backlog, so it starts once the stack's CPU has been under {@link #SETTLED_CORES} cores for 3 s (at most 3 min).
     */
    private static void settle(ProcessHandle chief) throws InterruptedException {
        long start = System.nanoTime();
        StackUsage.Snapshot before = StackUsage.Snapshot.take(chief);
        double cores = Double.MAX_VALUE;
        while (cores > SETTLED_CORES && System.nanoTime() - start < Duration.ofMinutes(3).toNanos()) {
            Thread.sleep(3_000);
            StackUsage.Snapshot now = StackUsage.Snapshot.take(chief);
            cores = StackUsage.coresBetween(before, now);
            before = now;
        }
        System.out.printf("settled: the stack at %.2f cores, %.0f s after the throughput phase%n", cores,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Where the latency went, from Chief's own timers (percentiles over about the last two minutes): a file's wait
     * to be read (scan, quiet time, read lock), its read until Kinesis acknowledged it, and the search application's
     * records from their arrival in the stream to its bulk request answered. The rest is the search engine's refresh
     * and this benchmark's own poll.
     */
    private static void printLatencyStages(String metrics) {
        String orders = "inbox=\"orders\"";
        String search = "application=\"" + SearchApplication.ORDERS.application() + "\"";
        printStage(metrics, "file written -> read starts", "chief_intake_file_wait_seconds", orders);
        printStage(metrics, "read -> acknowledged by Kinesis", "chief_intake_file_duration_seconds", orders);
        printStage(metrics, "stream -> indexed by " + SearchApplication.ORDERS.application(), "chief_consumer_record_age_seconds",
                search);
    }

    private static void printStage(String metrics, String stage, String name, String label) {
        System.out.printf("  %-40s p50 %5.0f ms, p99 %5.0f ms%n", stage,
                1000 * ChiefUnderTest.metric(metrics, name, label, "quantile=\"0.5\""),
                1000 * ChiefUnderTest.metric(metrics, name, label, "quantile=\"0.99\""));
    }

    private static final double SETTLED_CORES = 0.5;

    static String utcStamp() {
        return Instant.now().toString().replace(":", "").replaceFirst("\\.\\d+", "");
    }
}
