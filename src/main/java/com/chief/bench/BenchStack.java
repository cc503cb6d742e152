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

/** Settings for a benchmark's private embedded Kinesis (and STS), on free ports, nothing else started. */
final class BenchStack {

    private BenchStack() {
    }

    static ChiefSettings settings(Path dataDir) {
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            context.getPropertiesComponent().setLocation("classpath:application-local.properties,classpath:application.properties");
            Properties overrides = new Properties();
            overrides.putAll(Map.of(
                    "chief.data-dir", dataDir.toString(),
                    "chief.s3.endpoint", "http://127.0.0.1:1",      // not needed: not started
                    "chief.search.url", "http://127.0.0.1:1",
                    "chief.local.kinesis-port", String.valueOf(freePort()),
                    "chief.local.kinesis-tls-port", String.valueOf(freePort()),
                    "chief.local.sts-port", String.valueOf(freePort())));
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
