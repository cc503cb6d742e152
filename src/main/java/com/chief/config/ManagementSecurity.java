package com.chief.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Basic authentication for Jolokia on the management port. With {@code chief.management.user} and
 * {@code CHIEF_MANAGEMENT_PASSWORD} set, {@code /observe/jolokia} asks for them (health, metrics and
 * the status page stay open for probes and scrapers). A management host other than loopback
 * without them is refused at start: Jolokia can run operations on Camel's MBeans. The password goes
 * into a file of Vert.x's property-file format under the data folder, readable by the owner only,
 * because that is what Camel's management server reads; it never comes from Chief's own files.
 */
public final class ManagementSecurity extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        String host = value(properties, "chief.management.host");
        String user = value(properties, "chief.management.user");
        String password = value(properties, "chief.management.password");
        Properties camel = settings(host, user, password, Path.of(value(properties, "chief.data-dir")));
        if (!camel.isEmpty()) {
            // the status page's platform-http server shares the management port, so it serves Jolokia
            var server = main.configure().httpServer();
            server.setAuthenticationEnabled(true);
            server.setAuthenticationPath(camel.getProperty("camel.management.authenticationPath"));
            server.setBasicPropertiesFile(camel.getProperty("camel.management.basicPropertiesFile"));
        }
    }

    /** The camel.management.* settings for these credentials (none without them); fails when exposed without them. */
    static Properties settings(String host, String user, String password, Path dataDir) {
        Properties camel = new Properties();
        if (user.isEmpty() || password.isEmpty()) {
            if (!loopback(host)) {
                throw new IllegalStateException("chief.management.host=" + host + " exposes Jolokia beyond this machine:"
                        + " set CHIEF_MANAGEMENT_USER and CHIEF_MANAGEMENT_PASSWORD so that it asks for a login");
            }
            return camel;
        }
        Path users = dataDir.toAbsolutePath().resolve("management-users.properties");
        try {
            Files.createDirectories(users.getParent());
            Files.deleteIfExists(users);
            Files.createFile(users, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(users, "user." + user + "=" + password + ",operator\nrole.operator=*\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + users, e);
        }
        camel.put("camel.management.authenticationEnabled", "true");
        camel.put("camel.management.authenticationPath", "/observe/jolokia/*");
        camel.put("camel.management.basicPropertiesFile", users.toString());
        return camel;
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }
}
