package com.chief.config;

import com.chief.aws.RotatingSecrets;
import com.chief.bootstrap.ResourceBootstrap;
import com.chief.consume.RouteHolds;
import com.chief.health.ExternalSystemHealthCheck;
import com.chief.health.Probes;
import com.chief.instance.InstanceIds;
import com.chief.kinesis.KplRecordProducer;
import com.chief.local.LocalStack;
import com.chief.model.ReferenceData;
import com.chief.sink.aurora.AuroraS3Loader;
import com.chief.sink.aurora.ObjectLoader;
import com.chief.sink.aurora.RowLoader;
import com.chief.sink.search.SearchRefusals;
import com.chief.status.PipelineFlow;
import com.chief.status.StatusSnapshot;
import com.chief.tailor.DeclaredFactories;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wires Chief before any route starts: the embedded stack (local profile), the clients and data
 * source in the registry, the resources Chief needs, the health checks and the startup summary.
 */
public class ChiefConfiguration implements CamelConfiguration {

    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public void configure(CamelContext context) throws Exception {
        ChiefSettings read = ChiefSettings.from(context.getPropertiesComponent());
        SecretsSettings secretsSettings = SecretsSettings.from(context.getPropertiesComponent());
        RotatingSecrets secrets = SecretsBeans.start(read, secretsSettings);
        if (secrets != null) {
            context.addService(closing(secrets), true, true);
        }
        ChiefSettings settings = SecretsBeans.search(read, secretsSettings, secrets);
        SecretsBeans.smtp(context, secretsSettings, secrets);

        if (!settings.local()) {
            wire(context, settings, secretsSettings, secrets); // no embedded stack: chief-aws.jar has no com.chief.local
            return;
        }
        LocalStack localStack = new LocalStack(settings);
        localStack.start();
        context.addService(localStack, true, true);
        try {
            wire(context, settings, secretsSettings, secrets);
        } catch (Exception | Error e) {
            localStack.stop(); // the context never started, so it will not stop the stack
            throw e;
        }
    }

    private static void wire(CamelContext context, ChiefSettings settings, SecretsSettings secretsSettings, RotatingSecrets secrets)
            throws Exception {
        KinesisClient kinesis = AwsClients.kinesis(settings);
        S3Client s3 = AwsClients.s3(settings);
        HikariDataSource dataSource = PooledDatabase.open(settings.database(), secretsSettings, secrets);
        AutoCloseable search = SearchClients.create(settings.search());
        context.addService(closing(kinesis, s3, dataSource, search), true, true);

        Registry registry = context.getRegistry();
        registry.bind("chiefSettings", settings);
        registry.bind("kinesisClient", kinesis);
        registry.bind("s3Client", s3);
        registry.bind("dataSource", dataSource);
        registry.bind("searchClient", search); // the engine's component takes it (the only client of its class)

        bindNotificationClient(context, settings);

        if (settings.bootstrapResources()) {
            ResourceBootstrap.run(settings, kinesis, s3, dataSource);
        }

        // the registry that Camel's Prometheus support scrapes (it binds it before configuration classes run)
        MeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (meters == null) {
            meters = new SimpleMeterRegistry(); // metrics switched off: count anyway, expose nothing
        }

        KplRecordProducer producer = new KplRecordProducer(AwsClients.kpl(settings),
                settings.producer().maxOutstanding(), settings.producer().maxOutstandingBytes(), settings.producer().maxAttempts());
        producer.start();
        context.addService(producer, true, true); // added after the clients, so it stops (and flushes) before them
        producer.warmUp(List.of(settings.kinesis().ordersStream(), settings.kinesis().jobResultsStream()), WARM_UP_TIMEOUT);
        registry.bind("recordProducer", producer);

        ReferenceData reference = ReferenceData.load(settings.intake().referenceData());
        DeclaredFactories factories = new DeclaredFactories(); // filled by the factory routes as they are made
        registry.bind(DeclaredFactories.BEAN, factories);
        IntakeBeans.bind(context, settings, reference, factories, producer, dataSource, meters);
        SearchRefusals searchRefusals = new SearchRefusals();
        RouteHolds routeHolds = ProcessingBeans.bind(context, settings, kinesis, dataSource, producer, reference,
                searchRefusals, meters);
        ObjectLoader objectLoader = objectLoader(settings, s3, dataSource);
        registry.bind("auroraLoader", AuroraLoaders.create(s3, settings.s3().bucket(), dataSource, objectLoader,
                InstanceIds.loader(), settings.aurora().leaseSeconds(), meters).stopWhen(context::isStopping));
        OpsBeans.bind(context, settings, s3, dataSource, search, objectLoader, searchRefusals, meters);
        QuartzCluster.configure(context.getComponent("quartz", QuartzComponent.class), dataSource);
        context.addComponent("quartz-local", QuartzCluster.local());
        RetentionBeans.bind(context, settings, dataSource, meters);
        PipelineFlow flow = new PipelineFlow(meters, new PipelineFlow.Sources(settings.intake().ordersDir(),
                settings.intake().jobResultsDir(), settings.kinesis().ordersStream(), settings.kinesis().jobResultsStream()),
                Clock.systemUTC());
        registry.bind("statusSnapshot", new StatusSnapshot(meters, routeHolds, flow, Clock.systemUTC()));
        registerHealthChecks(context, settings, kinesis, s3, dataSource, searchRefusals);
        context.addStartupListener(new StartupSummary(settings));
    }

    private static void registerHealthChecks(CamelContext context, ChiefSettings settings,
            KinesisClient kinesis, S3Client s3, HikariDataSource dataSource, SearchRefusals searchRefusals) {
        ChiefSettings.Kinesis streams = settings.kinesis();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.register(new ExternalSystemHealthCheck("kinesis", Endpoints.kinesis(settings),
                Probes.kinesis(kinesis, List.of(streams.ordersStream(), streams.jobResultsStream()))));
        health.register(new ExternalSystemHealthCheck("s3", Endpoints.s3(settings),
                Probes.s3(s3, settings.s3().bucket())));
        health.register(new ExternalSystemHealthCheck("search", settings.search().url().toString(),
                Probes.allOf(Probes.search(settings.search()), searchRefusals))); // a green cluster may still refuse Chief
        health.register(new ExternalSystemHealthCheck("database", DataSources.redact(settings.database().url()),
                Probes.database(dataSource)));
    }

    /** How the archive's loader writes an object into the database, in the configured mode (also a rebuild's and a repair's). */
    private static ObjectLoader objectLoader(ChiefSettings settings, S3Client s3, HikariDataSource dataSource) throws Exception {
        ChiefSettings.Aurora aurora = settings.aurora();
        String bucket = settings.s3().bucket();
        return aurora.loadDataFromS3()
                ? new AuroraS3Loader(dataSource, AuroraS3Loader.fromS3(settings.region(), bucket))
                : new RowLoader(s3, bucket, dataSource, aurora.batchSize());
    }

    /** The AWS client of the ses or sns notification channel, for the Kamelet's component to find. */
    private static void bindNotificationClient(CamelContext context, ChiefSettings settings) throws Exception {
        AutoCloseable client = switch (settings.notifications().channel()) {
            case "ses" -> AwsClients.ses(settings);
            case "sns" -> AwsClients.sns(settings);
            default -> null;
        };
        if (client != null) {
            context.getRegistry().bind(settings.notifications().channel() + "Client", client);
            context.addService(closing(client), true, true);
        }
    }

    /** Closes the clients and the pool when the Camel context stops. */
    private static ServiceSupport closing(AutoCloseable... resources) {
        return new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                for (AutoCloseable resource : resources) {
                    resource.close();
                }
            }
        };
    }
}
