package com.chief.bench;

import java.util.List;
import java.util.Optional;

/**
 * What {@code bench-pipeline} takes: {@code --orders N} (the throughput file), {@code --rate R} and
 * {@code --duration S} (the steady latency phase), {@code --naive} (the naive pipeline gets all N
 * orders instead of {@code --naive-orders}), {@code --file-interval-ms} (one file of the latency phase
 * every so often, 1000 by default), {@code --xmx SIZE}, {@code --jfr} and {@code --jvm OPTION} (repeatable, e.g.
 * {@code --jvm -XX:+UseParallelGC}) for Chief's JVM.
 */
record PipelineOptions(int orders, int rate, int durationSeconds, boolean fullNaive, int naiveOrders, String xmx,
        boolean jfr, int fileIntervalMs, List<String> jvmOptions) {

    static final String USAGE = "usage: java -jar chief.jar bench-pipeline [--orders N] [--rate R] [--duration S] [--naive]"
            + " [--naive-orders N] [--file-interval-ms 1000] [--xmx 512m] [--jfr] [--jvm OPTION]...";

    /** The options, or empty after printing the usage. */
    static Optional<PipelineOptions> parse(List<String> args) {
        int orders = 50_000;
        int rate = 1_000;
        int duration = 60;
        boolean fullNaive = false;
        Integer naiveOrders = null;
        String xmx = null;
        boolean jfr = false;
        int fileInterval = 1000;
        List<String> jvmOptions = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--orders" -> orders = positive(args.get(++i));
                    case "--rate" -> rate = positive(args.get(++i));
                    case "--duration" -> duration = Integer.parseInt(args.get(++i));
                    case "--naive" -> fullNaive = true;
                    case "--naive-orders" -> naiveOrders = Integer.parseInt(args.get(++i));
                    case "--xmx" -> xmx = args.get(++i);
                    case "--jfr" -> jfr = true;
                    case "--jvm" -> jvmOptions.add(args.get(++i));
                    case "--file-interval-ms" -> fileInterval = positive(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
        } catch (IndexOutOfBoundsException e) {
            System.err.println("missing value after " + args.get(args.size() - 1) + "\n" + USAGE);
            return Optional.empty();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() == null ? USAGE : e.getMessage() + "\n" + USAGE);
            return Optional.empty();
        }
        int naive = fullNaive ? orders : naiveOrders != null ? naiveOrders : Math.min(orders, 2_000);
        return Optional.of(new PipelineOptions(orders, rate, Math.max(0, duration), fullNaive, naive, xmx, jfr, fileInterval,
                List.copyOf(jvmOptions)));
    }

    private static int positive(String value) {
        int n = Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException("expected a positive number, got " + value);
        }
        return n;
    }
}
