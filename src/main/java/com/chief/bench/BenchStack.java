package com.chief.bench;

import com.chief.config.ChiefSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;

/** Settings for a benchmark's private embedded systems on free ports: Kinesis (and STS), or S3 and search. */
final class BenchStack {

    private BenchStack() {
    }

    static ChiefSettings settings(Path dataDir) {
        return read(Map.of(
                "chief.data-dir", dataDir.toString(),
                "chief.s3.endpoint", "http://127.0.0.1:1",      // not needed: not started
                "chief.search.url", "http://127.0.0.1:1",
                "chief.local.kinesis-port", String.valueOf(freePort()),
                "chief.local.kinesis-tls-port", String.valueOf(freePort()),
                "chief.local.sts-port", String.valueOf(freePort())));
    }

    /** The embedded S3 and OpenSearch only, with the database at {@code dbUrl}. */
    static ChiefSettings sinkSettings(Path dataDir, String dbUrl) {
        return read(Map.of(
                "chief.data-dir", dataDir.toString(),
                "chief.kinesis.endpoint", "http://127.0.0.1:1", // not needed: not started
                "chief.db.url", dbUrl,
                "chief.local.s3-port", String.valueOf(freePort()),
                "chief.local.search-port", String.valueOf(freePort()),
                "chief.local.search-transport-port", String.valueOf(freePort())));
    }

    private static ChiefSettings read(Map<String, String> values) {
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            context.getPropertiesComponent().setLocation("classpath:application-local.properties,classpath:application.properties");
            Properties overrides = new Properties();
            overrides.putAll(values);
            context.getPropertiesComponent().setOverrideProperties(overrides);
            return ChiefSettings.from(context.getPropertiesComponent());
        } finally {
            context.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
