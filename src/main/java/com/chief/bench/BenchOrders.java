package com.chief.bench;

import com.chief.generate.OrderGenerator;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Valid generated orders (4 online to 1 store) under ids of the bench's choosing, written as NDJSON files. */
final class BenchOrders {

    private final List<ObjectNode> pool = new ArrayList<>();

    BenchOrders(int poolSize) {
        ReferenceData reference = ReferenceData.load(Path.of(ReferenceData.FILE_NAME));
        for (String record : new OrderGenerator(reference, 42, Clock.systemUTC()).generate(poolSize * 4 / 5, poolSize / 5, 0, 0)
                .records()) {
            try {
                pool.add((ObjectNode) Json.MAPPER.readTree(record));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The order with id {@code prefix + n}, one JSON line. */
    String order(String prefix, long n) {
        ObjectNode order = pool.get((int) (n % pool.size())).deepCopy();
        order.remove("id");
        order.put("orderId", prefix + n);
        return order.toString();
    }

    /** Writes orders {@code from .. to-1} to {@code staging}, a file outside the inbox. */
    Path write(Path staging, String prefix, long from, long to) throws IOException {
        Files.createDirectories(staging.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            for (long n = from; n < to; n++) {
                out.write(order(prefix, n));
                out.write('\n');
            }
        }
        return staging;
    }

    /** Renames a complete file into the inbox (the way the README asks files to be dropped); the landing time, nanos. */
    static long land(Path staged, Path inbox, String name) throws IOException {
        Files.createDirectories(inbox);
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return System.nanoTime();
    }
}
