package com.chief.sink.aurora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.config.ChiefSettings;
import com.chief.config.DataSources;
import com.chief.config.QuartzCluster;
import com.chief.support.Databases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.impl.SchedulerRepository;

/**
 * Two instances' schedulers (two Camel contexts named chief, each with its own pool and Quartz
 * scheduler, clustered on one database) run Chief's aurora-load route every second: each scheduled
 * time fires once over both, and when one instance stops the other carries on.
 */
class ClusteredAuroraScheduleIT {

    @TempDir
    Path dir;

    @Test
    void eachFiringRunsOnceAcrossInstancesAndTheScheduleFailsOver() throws Exception {
        Queue<Run> runs = new ConcurrentLinkedQueue<>();
        try (Databases db = Databases.create();
                HikariDataSource second = DataSources.create(new ChiefSettings.Database(db.dataSource.getJdbcUrl(), "", "", false))) {
            DefaultCamelContext a = instance("a", db.dataSource, runs);
            DefaultCamelContext b = null;
            try {
                a.start();
                // Quartz keeps one scheduler per name in a JVM; real instances are separate JVMs
                SchedulerRepository.getInstance().remove("DefaultQuartzScheduler-chief");
                b = instance("b", second, runs);
                b.start();

                await().atMost(Duration.ofSeconds(60)).until(() -> runs.size() >= 10);
                a.stop(); // clustered: its trigger stays for the others
                int before = runs.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> runs.stream().skip(before).filter(r -> r.instance.equals("b")).count() >= 3);
            } finally {
                a.stop();
                if (b != null) {
                    b.stop();
                }
            }
        }
        Map<Date, Long> perFiring = runs.stream().collect(Collectors.groupingBy(Run::scheduled, Collectors.counting()));
        assertThat(perFiring.values()).as("runs per scheduled time").containsOnly(1L);
        System.out.printf("%d firings, runs per instance %s%n", perFiring.size(),
                runs.stream().collect(Collectors.groupingBy(Run::instance, Collectors.counting())));
    }

    private record Run(String instance, Date scheduled) {
    }

    /** An instance: Chief's aurora-load route on a clustered Quartz, its loader replaced by one that records each run. */
    private static DefaultCamelContext instance(String name, DataSource dataSource, Queue<Run> runs) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("chief"); // the same on every instance: it is part of the scheduler's and the job's names
        context.disableJMX();
        Properties properties = new Properties();
        properties.put("chief.aurora.cron", "0/1 * * * * ?");
        properties.put("chief.aurora.enabled", "true");
        context.getPropertiesComponent().setInitialProperties(properties);
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        QuartzCluster.configure(quartz, dataSource);
        quartz.setEnableJmx(false); // one MBean name per scheduler name and JVM
        context.getRegistry().bind("auroraLoader", new Object() {
            @SuppressWarnings("unused")
            public void run(Exchange exchange) {
                runs.add(new Run(name, exchange.getIn().getHeader("scheduledFireTime", Date.class)));
            }
        });
        context.addRoutes(new AuroraLoadRoutes());
        return context;
    }
}
