package com.chief;

import com.chief.bench.ConsumerBenchmark;
import com.chief.bench.PipelineBenchmark;
import com.chief.bench.ProducerBenchmark;
import com.chief.bench.SinkBenchmark;
import com.chief.config.ChiefConfiguration;
import com.chief.config.ConfigLocations;
import com.chief.management.ManagementSecurity;
import com.chief.config.RoutesDirectory;
import com.chief.generate.DemoFeedRoutes;
import com.chief.generate.GenerateCommand;
import com.chief.intake.IntakeRoutes;
import com.chief.launch.AwsJar;
import com.chief.launch.BoundedHeapLauncher;
import com.chief.ops.OpsClient;
import com.chief.ops.OpsCommand;
import com.chief.ops.OpsRoutes;
import com.chief.sink.notify.NotifyRoutes;
import com.chief.sink.s3.ArchiveRoutes;
import com.chief.retention.RetentionRoutes;
import com.chief.sink.aurora.AuroraLoadRoutes;
import com.chief.sink.search.DashboardImport;
import com.chief.sink.search.OperationsIndexRoutes;
import com.chief.status.StatusRoutes;
import com.chief.sink.search.SearchRoutes;
import com.chief.tailor.OrderFactoryRoutes;
import java.util.List;
import java.util.Optional;
import org.apache.camel.main.Main;

/** Boots Chief: Camel Main with Chief's property layering, configuration and route builders. */
public final class ChiefApplication {

    private ChiefApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("generate")) {
            System.exit(GenerateCommand.run(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].startsWith("bench-")) {
            exitIfRefused(AwsJar.benchmark(args[0]));
        }
        if (args.length > 0 && args[0].equals("bench-producer")) {
            System.exit(ProducerBenchmark.run(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("bench-consumer")) {
            System.exit(ConsumerBenchmark.run(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("bench-sinks")) {
            System.exit(SinkBenchmark.run(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("bench-pipeline")) {
            System.exit(PipelineBenchmark.run(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("import-dashboards")) {
            System.exit(DashboardImport.run(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && OpsCommand.COMMANDS.contains(args[0])) {
            System.exit(OpsCommand.run(List.of(args), OpsClient.fromEnvironment(System.getenv()), System.out, System.err));
        }
        exitIfRefused(AwsJar.server(ConfigLocations::activeProfile)); // before a child JVM is launched
        BoundedHeapLauncher.relaunchIfUnbounded(ChiefApplication.class, args); // the server only: the commands above are short-lived
        Main main = new Main();
        main.setPropertyPlaceholderLocations(ConfigLocations.locations(ConfigLocations.activeProfile(),
                ConfigLocations.activeLatency()));
        main.addMainListener(new RoutesDirectory());
        main.addMainListener(new ManagementSecurity());
        main.configure().addConfiguration(ChiefConfiguration.class);
        main.configure().addRoutesBuilder(IntakeRoutes.class);
        main.configure().addRoutesBuilder(ArchiveRoutes.class);
        main.configure().addRoutesBuilder(SearchRoutes.class);
        main.configure().addRoutesBuilder(OperationsIndexRoutes.class);
        main.configure().addRoutesBuilder(NotifyRoutes.class);
        main.configure().addRoutesBuilder(AuroraLoadRoutes.class);
        main.configure().addRoutesBuilder(RetentionRoutes.class);
        main.configure().addRoutesBuilder(StatusRoutes.class);
        main.configure().addRoutesBuilder(OpsRoutes.class);
        main.configure().addRoutesBuilder(OrderFactoryRoutes.class);
        main.configure().addRoutesBuilder(DemoFeedRoutes.class);
        main.run(args);
    }

    private static void exitIfRefused(Optional<String> refusal) {
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            System.exit(2);
        }
    }
}
