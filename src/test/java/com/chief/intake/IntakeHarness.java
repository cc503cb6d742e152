package com.chief.intake;

import com.chief.config.ChiefSettings;
import com.chief.config.IntakeBeans;
import com.chief.kinesis.RecordProducer;
import com.chief.model.ReferenceData;
import com.chief.tailor.TestFactories;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;

/** Chief's intake in a test: its Camel context, the files dropped into an inbox, the files it archived. */
final class IntakeHarness {

    private IntakeHarness() {
    }

    static DefaultCamelContext start(ChiefSettings settings, ReferenceData reference, RecordProducer producer,
            DataSource dataSource) throws Exception {
        return start(settings, reference, producer, dataSource, Map.of());
    }

    /** One Chief's intake: its own context with Chief's own wiring and route templates; {@code beans} bound first. */
    static DefaultCamelContext start(ChiefSettings settings, ReferenceData reference, RecordProducer producer,
            DataSource dataSource, Map<String, Object> beans) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("chiefSettings", settings);
        beans.forEach(context.getRegistry()::bind);
        IntakeBeans.bind(context, settings, reference, TestFactories.shipped(), producer, dataSource, new SimpleMeterRegistry());
        IntakeRoutes routes = new IntakeRoutes();
        context.addRoutes(routes); // the template
        context.addTemplatedRoutes(routes); // and the inboxes' routes from it, as Camel Main adds them
        context.start();
        return context;
    }

    /** {@code count} valid orders, one per line, with ids {@code idPrefix0}, {@code idPrefix1}, … */
    static String orders(String idPrefix, int count) {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < count; r++) {
            text.append(HostileInputTest.order(idPrefix + r)).append('\n');
        }
        return text.toString();
    }

    /** Writes the file next to the inbox and renames it in, as a well-behaved writer does. */
    static void drop(Path staging, Path inbox, String name, String text) throws Exception {
        Path staged = Files.writeString(staging.resolve(name), text, StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The names of the files anywhere below {@code dir} (none if it does not exist). */
    static List<String> fileNames(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }
}
