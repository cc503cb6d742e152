package com.chief.generate;

import com.chief.config.ChiefSettings;
import com.chief.model.ReferenceData;
import com.chief.settings.ChiefKeys;
import com.chief.settings.Settings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/** The demo feed ({@code chief.demo.enabled}): a small batch of generated orders into the inbox every few seconds. */
public class DemoFeedRoutes extends RouteBuilder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    @Override
    public void configure() {
        ChiefSettings settings = getCamelContext().getRegistry().findSingleByType(ChiefSettings.class);
        int batch = new Settings(getCamelContext().getPropertiesComponent()).get(ChiefKeys.DEMO_BATCH_SIZE);
        OrderGenerator generator = new OrderGenerator(ReferenceData.load(settings.intake().referenceData()),
                System.nanoTime(), Clock.systemUTC());

        from("timer:demo-feed"
                + "?period={{chief.demo.interval-ms}}"
                + "&delay=2000")
                .routeId("demo-feed")
                .autoStartup("{{chief.demo.enabled}}")
                .process(exchange -> {
                    int store = Math.max(1, batch / 5);
                    List<String> records = generator.generate(batch - store, store, 0.05, 0.05).records();
                    OrderFiles.write(settings.intake().ordersDir(), "demo-" + STAMP.format(Instant.now()), records, records.size());
                })
                .log("Demo feed dropped a batch of orders into {{chief.intake.orders-dir}}");
    }
}
