package com.chief.generate;

import com.chief.model.ReferenceData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code java -jar chief.jar generate --online N --store N [--duplicates P] [--invalid P] [--to DIR]
 * [--per-file N] [--seed S]}: writes sample order files into the orders inbox.
 */
public final class GenerateCommand {

    static final String USAGE = "usage: java -jar chief.jar generate --online N --store N [--duplicates P] [--invalid P]"
            + " [--to DIR] [--per-file N] [--seed S]\n"
            + "  P is a share between 0 and 1; DIR defaults to $CHIEF_DATA_DIR/inbox/orders (data/inbox/orders)";

    private GenerateCommand() {
    }

    public static int run(List<String> args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        ReferenceData reference = ReferenceData.load(Path.of(ReferenceData.FILE_NAME));
        OrderGenerator generator = new OrderGenerator(reference, options.seed(), Clock.systemUTC());
        OrderGenerator.Generated generated = generator.generate(options.online(), options.store(), options.duplicates(), options.invalid());
        List<String> records = generated.records();
        String prefix = "orders-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        List<Path> files = OrderFiles.write(options.to(), prefix, records, options.perFile());
        System.out.printf("Wrote %d records (%d online and %d store orders, about %.0f%% duplicates, %.0f%% invalid) in %d file(s) to %s%n",
                records.size(), options.online(), options.store(), options.duplicates() * 100, options.invalid() * 100,
                files.size(), options.to().toAbsolutePath());
        System.out.printf("%d valid records (Chief produces each to OrdersStream, repeats too) and %d invalid (rejected)%n",
                generated.valid(), generated.invalid());
        return 0;
    }

    record Options(int online, int store, double duplicates, double invalid, Path to, int perFile, long seed) {

        static Options parse(List<String> args) {
            int online = 0;
            int store = 0;
            double duplicates = 0;
            double invalid = 0;
            String dataDir = System.getenv().getOrDefault("CHIEF_DATA_DIR", "data");
            Path to = Path.of(dataDir, "inbox", "orders");
            int perFile = 10_000;
            long seed = System.nanoTime();
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("missing value after " + flag);
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--online" -> online = count(flag, value);
                    case "--store" -> store = count(flag, value);
                    case "--duplicates" -> duplicates = share(flag, value);
                    case "--invalid" -> invalid = share(flag, value);
                    case "--to" -> to = Path.of(value);
                    case "--per-file" -> perFile = Math.max(1, count(flag, value));
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (online + store == 0) {
                throw new IllegalArgumentException("nothing to generate: give --online and/or --store");
            }
            return new Options(online, store, duplicates, invalid, to, perFile, seed);
        }

        private static int count(String flag, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a whole number >= 0, got '" + value + "'");
            }
        }

        private static double share(String flag, String value) {
            try {
                double p = Double.parseDouble(value);
                if (p < 0 || p > 1) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a share between 0 and 1, got '" + value + "'");
            }
        }
    }
}
