package com.chief.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz on Chief's database (tables by migration V10), clustered: every instance schedules the
 * Aurora load, and Quartz fires each scheduled time on one of them — the one whose check-in takes
 * the trigger under Quartz's row lock ({@code QRTZ_LOCKS}). An instance that stops checking in
 * for {@value #CHECKIN_MS} ms (plus Quartz's grace) is taken as dead: its fired-but-unfinished job is
 * released and the others carry the schedule on. The scheduler keeps camel-quartz's name
 * ({@code DefaultQuartzScheduler-<context>}), which must be the same on all instances.
 */
public final class QuartzCluster {

    static final long CHECKIN_MS = 7_500;

    private QuartzCluster() {
    }

    public static void configure(QuartzComponent quartz, DataSource dataSource) {
        // Quartz finds data sources by name in one JVM-wide registry: a name per pool
        String provider = "chief-" + Integer.toHexString(System.identityHashCode(dataSource));
        DBConnectionManager.getInstance().addConnectionProvider(provider, new Pool(dataSource));
        quartz.setProperties(properties(provider));
    }

    /**
     * A second, per-instance Quartz (component {@code quartz-local}, in memory, not clustered) for work each
     * instance does on its own disk at the same scheduled times: purging its own folders.
     */
    public static QuartzComponent local() {
        QuartzComponent quartz = new QuartzComponent();
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "ChiefLocalScheduler"); // not the clustered one's name
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        quartz.setProperties(p);
        quartz.setEnableJmx(false); // Hawtio's Quartz view shows the clustered scheduler; this one's route is in the Camel view
        return quartz;
    }

    static Properties properties(String provider) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "DefaultQuartzScheduler"); // camel-quartz appends the context name
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO"); // host name and time: unique per instance
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", provider);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_MS));
        return p;
    }

    /** Hands Quartz connections from Chief's pool; the pool's life is Chief's, not Quartz's. */
    private record Pool(DataSource dataSource) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
