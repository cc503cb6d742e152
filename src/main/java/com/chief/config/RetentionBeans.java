package com.chief.config;

import com.chief.retention.RetentionFolders;
import com.chief.retention.RetentionPurge;
import com.chief.retention.RetentionTables;
import com.chief.retention.TablePurge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/** The retention purges the {@code retention-purge} routes run: the tables (clustered) and this instance's folders. */
final class RetentionBeans {

    private RetentionBeans() {
    }

    static void bind(CamelContext context, ChiefSettings settings, DataSource dataSource, MeterRegistry meters) {
        ChiefSettings.Retention retention = settings.retention();
        context.getRegistry().bind("retentionPurge", new RetentionPurge(new TablePurge(dataSource, retention.batchSize()),
                RetentionTables.of(retention), meters, Clock.systemUTC()).stopWhen(context::isStopping));
        context.getRegistry().bind("retentionFolders", new RetentionFolders(retention.folders(), meters, Clock.systemUTC()));
    }
}
