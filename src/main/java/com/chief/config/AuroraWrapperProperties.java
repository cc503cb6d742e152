package com.chief.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The AWS Advanced JDBC Wrapper's connection properties for Chief's database settings (2.6.4 docs:
 * UsingTheJdbcDriver, UsingTheIamAuthenticationPlugin, UsingTheFailover2Plugin): the plugins
 * ({@code auroraConnectionTracker,failover2,efm2} by default, the wrapper's own default), and with IAM
 * database authentication the {@code iam} plugin first, the region it signs tokens for and how long it
 * reuses a token ({@code iamExpiration}) before it makes the next one.
 */
final class AuroraWrapperProperties {

    /** Hikari keeps a connection the failover plugin has moved to the new writer instead of evicting it. */
    static final String HIKARI_EXCEPTION_OVERRIDE = "software.amazon.jdbc.util.HikariCPSQLException";

    private AuroraWrapperProperties() {
    }

    static Properties of(ChiefSettings.Database database) {
        Properties properties = new Properties();
        List<String> plugins = new ArrayList<>();
        boolean iam = database.auth() == ChiefSettings.DatabaseAuth.IAM;
        if (iam) {
            plugins.add("iam");
        }
        for (String plugin : database.wrapperPlugins().split(",")) {
            if (!plugin.isBlank() && !plugins.contains(plugin.trim())) {
                plugins.add(plugin.trim());
            }
        }
        properties.setProperty("wrapperPlugins", String.join(",", plugins));
        if (iam) {
            properties.setProperty("iamRegion", database.region());
            properties.setProperty("iamExpiration", String.valueOf(database.iamTokenSeconds()));
        }
        return properties;
    }
}
