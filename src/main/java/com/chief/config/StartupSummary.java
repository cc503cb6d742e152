package com.chief.config;

import com.chief.settings.ChiefKeys;
import com.chief.settings.Settings;
import java.lang.management.ManagementFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs, once, where everything is: data, inboxes, endpoints, management URLs. */
final class StartupSummary implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final ChiefSettings settings;

    StartupSummary(ChiefSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        // the summary waits until everything is up
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // idem
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        Settings p = new Settings(context.getPropertiesComponent());
        String management = "http://" + p.get(ChiefKeys.MANAGEMENT_HOST) + ":" + p.get(ChiefKeys.MANAGEMENT_PORT);
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String nl = System.lineSeparator() + "  ";
        LOG.info("Chief is running (profile {}), {} s after JVM start{}"
                        + "data dir          {}{}"
                        + "orders inbox      {}{}"
                        + "job-results inbox {}{}"
                        + "Kinesis           {}{} streams {}, {}{}"
                        + "S3                {}{} bucket {}{}"
                        + "search            {}{}{}"
                        + "database          {}{}{}"
                        + "health            {}/observe/health{}"
                        + "metrics           {}/observe/metrics{}"
                        + "jolokia (Hawtio)  {}/observe/jolokia",
                settings.profile(), String.format("%.1f", uptime / 1000.0), nl,
                settings.dataDir(), nl,
                settings.intake().ordersDir(), nl,
                settings.intake().jobResultsDir(), nl,
                Endpoints.kinesis(settings), Endpoints.embedded(settings.kinesis().embedded()),
                settings.kinesis().ordersStream(), settings.kinesis().jobResultsStream(), nl,
                Endpoints.s3(settings), Endpoints.embedded(settings.s3().embedded()), settings.s3().bucket(), nl,
                settings.search().url(), Endpoints.embedded(settings.search().embedded())
                        + (settings.search().requestAuth().perRequest() ? " (" + settings.search().requestAuth() + ")" : ""), nl,
                DataSources.redact(settings.database().url()), Endpoints.embedded(settings.database().embedded())
                        + (settings.database().auth() == ChiefSettings.DatabaseAuth.IAM ? " (IAM authentication)" : ""), nl,
                management, nl,
                management, nl,
                management);
    }
}
