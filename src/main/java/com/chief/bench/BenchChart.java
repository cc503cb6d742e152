package com.chief.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A self-contained HTML page (inline SVG, no scripts) with the run's throughput over time and latency distribution. */
final class BenchChart {

    private static final String[] COLOURS = {"#888", "#1f77b4", "#2ca02c", "#d62728"};
    private static final String[] SERIES = {"produced to Kinesis", "in S3", "searchable", "in the database"};
    private static final int W = 720;
    private static final int H = 260;

    private BenchChart() {
    }

    static Path write(Path dir, PipelineBenchmark.Run chief, PipelineBenchmark.Run naive, PipelineBenchmark.LatencyRun latency,
            Percentiles percentiles, PipelineResult result) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Chief bench-pipeline</title>"
                + "<style>body{font:14px sans-serif;margin:2em}svg{border:1px solid #ccc;margin-bottom:1.5em}</style>");
        html.append("<h1>Chief bench-pipeline</h1><pre>").append(result.jsonLine()).append("</pre>");
        html.append("<h2>Per process, throughput phase</h2><table><tr><th>process<th>count<th>CPU s per 1,000 orders"
                + "<th>RSS peak, MiB");
        for (StackUsage.Usage usage : result.processes()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s<td>%d<td>%.3f<td>%.0f", usage.name(), usage.processes(),
                    usage.cpuPer1k(), usage.peakRssMb()));
        }
        html.append(String.format(Locale.ROOT, "<tr><th>all<td><th>%.3f<th>%.0f</table>", result.stackCpuPer1k(),
                result.totalRssMb()));
        html.append("<h2>Chief: orders landed over time (").append(chief.orders()).append(" orders, one file)</h2>");
        html.append(lines(chief.series(), "seconds since the file landed", "orders"));
        if (naive.orders() > 0) {
            html.append("<h2>Naive Camel pipeline: orders landed over time (").append(naive.orders()).append(" orders)</h2>");
            html.append(lines(naive.series(), "seconds since the file landed", "orders"));
        }
        if (percentiles.count() > 0) {
            html.append(String.format(Locale.ROOT, "<h2>Latency, file landing → searchable, at %d orders/s offered: "
                            + "p50 %d ms, p95 %d ms, p99 %d ms (%d orders)</h2>", latency.rate(), percentiles.percentile(50),
                    percentiles.percentile(95), percentiles.percentile(99), percentiles.count()));
            html.append(histogram(percentiles));
            html.append("<h2>Orders found searchable per second during the steady phase</h2>");
            List<double[]> found = latency.foundPerSecond().stream().map(p -> new double[] {p[0], -1, -1, p[1], -1}).toList();
            html.append(lines(found, "seconds", "orders/s"));
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-pipeline-" + PipelineBenchmark.utcStamp() + ".html");
        Files.writeString(file, html);
        Files.writeString(dir.resolve("bench-pipeline-latest.html"), html);
        return file;
    }

    /** Series of {t, produced, s3, search, db}; negative values are left out. */
    private static String lines(List<double[]> series, String xLabel, String yLabel) {
        double maxX = 1;
        double maxY = 1;
        for (double[] p : series) {
            maxX = Math.max(maxX, p[0]);
            for (int i = 1; i < p.length; i++) {
                maxY = Math.max(maxY, p[i]);
            }
        }
        StringBuilder svg = frame(maxX, maxY, xLabel, yLabel);
        for (int s = 1; s <= 4; s++) {
            StringBuilder points = new StringBuilder();
            for (double[] p : series) {
                if (p[s] >= 0) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0], maxX), y(p[s], maxY)));
                }
            }
            if (!points.isEmpty()) {
                svg.append("<polyline fill=none stroke-width=2 stroke='").append(COLOURS[s - 1]).append("' points='")
                        .append(points).append("'/>");
                svg.append(String.format(Locale.ROOT, "<text x=%d y=%d fill='%s'>%s</text>", 70 + (s - 1) * 150, 16,
                        COLOURS[s - 1], SERIES[s - 1]));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String histogram(Percentiles p) {
        long top = Math.max(100, (long) (p.percentile(99) * 1.5));
        int buckets = 60;
        double width = (double) top / buckets;
        int[] counts = new int[buckets];
        for (long v : p.values()) {
            counts[(int) Math.min(buckets - 1, v / width)]++;
        }
        int maxCount = 1;
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        StringBuilder svg = frame(top, maxCount, "milliseconds (last bar: everything above)", "orders");
        for (int i = 0; i < buckets; i++) {
            double x0 = x(i * width, top);
            double y0 = y(counts[i], maxCount);
            svg.append(String.format(Locale.ROOT, "<rect x=%.1f y=%.1f width=%.1f height=%.1f fill='#1f77b4'/>", x0, y0,
                    x((i + 1) * width, top) - x0 - 1, y(0, maxCount) - y0));
        }
        for (double q : new double[] {50, 95, 99}) {
            double xq = x(Math.min(top, p.percentile(q)), top);
            svg.append(String.format(Locale.ROOT, "<line x1=%.1f x2=%.1f y1=20 y2=%d stroke='#d62728'/>"
                    + "<text x=%.1f y=30 fill='#d62728'>p%d</text>", xq, xq, H - 30, xq + 3, (int) q));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder frame(double maxX, double maxY, String xLabel, String yLabel) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg width=%d height=%d xmlns='http://www.w3.org/2000/svg'>", W, H));
        svg.append(String.format(Locale.ROOT, "<line x1=60 y1=%d x2=%d y2=%d stroke='black'/><line x1=60 y1=20 x2=60 y2=%d stroke='black'/>",
                H - 30, W - 10, H - 30, H - 30));
        svg.append(String.format(Locale.ROOT, "<text x=60 y=%d>0</text><text x=%d y=%d text-anchor=end>%.1f</text>", H - 15, W - 10,
                H - 15, maxX));
        svg.append(String.format(Locale.ROOT, "<text x=%d y=%d text-anchor=middle>%s</text>", W / 2, H - 2, xLabel));
        svg.append(String.format(Locale.ROOT, "<text x=55 y=24 text-anchor=end>%.0f</text><text x=5 y=%d>%s</text>", maxY, H / 2, yLabel));
        return svg;
    }

    private static double x(double value, double max) {
        return 60 + value / max * (W - 70);
    }

    private static double y(double value, double max) {
        return (H - 30) - value / max * (H - 50);
    }
}
