package com.chief.support;

import com.chief.config.ChiefSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;

/** Settings as Chief would read them from its property files, with overrides and free local ports. */
public final class TestSettings {

    private TestSettings() {
    }

    public static ChiefSettings local(Path dataDir) {
        return local(dataDir, Map.of());
    }

    public static ChiefSettings local(Path dataDir, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(freeLocalPorts());
        all.put("chief.data-dir", dataDir.toString());
        all.putAll(overrides);
        return read("local", all);
    }

    public static Map<String, String> freeLocalPorts() {
        return Map.of(
                "chief.local.kinesis-port", String.valueOf(FreePorts.next()),
                "chief.local.kinesis-tls-port", String.valueOf(FreePorts.next()),
                "chief.local.sts-port", String.valueOf(FreePorts.next()),
                "chief.local.dynamodb-port", String.valueOf(FreePorts.next()),
                "chief.local.s3-port", String.valueOf(FreePorts.next()),
                "chief.local.search-port", String.valueOf(FreePorts.next()),
                "chief.local.search-transport-port", String.valueOf(FreePorts.next()),
                "chief.local.db-port", String.valueOf(FreePorts.next()));
    }

    public static ChiefSettings read(String profile, Map<String, String> overrides) {
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            context.getPropertiesComponent().setLocation(
                    "classpath:application-" + profile + ".properties,classpath:application.properties");
            Properties override = new Properties();
            override.put("chief.profile", profile);
            override.putAll(overrides);
            context.getPropertiesComponent().setOverrideProperties(override);
            return ChiefSettings.from(context.getPropertiesComponent());
        } finally {
            context.stop();
        }
    }
}
