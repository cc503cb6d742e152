package com.chief.management;

import static com.chief.settings.ChiefKeys.DATA_DIR;
import static com.chief.settings.ChiefKeys.MANAGEMENT_ALLOWED_ORIGINS;
import static com.chief.settings.ChiefKeys.MANAGEMENT_HOST;
import static com.chief.settings.ChiefKeys.MANAGEMENT_PASSWORD;
import static com.chief.settings.ChiefKeys.MANAGEMENT_REMOTE_HOSTS;
import static com.chief.settings.ChiefKeys.MANAGEMENT_USER;

import com.chief.ops.OpsRoutes;
import com.chief.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Who may use Jolokia and the operations API ({@code /ops}, {@link OpsAccess}) on the management port
 * (health, metrics and the status page stay open for probes and scrapers). Without {@code chief.management.user} and
 * {@code CHIEF_MANAGEMENT_PASSWORD}: anonymous, read-only; with them: every Jolokia request must log
 * in, and may then run operations (start/stop a route) and write attributes. Either way only the
 * clients in {@code chief.management.remote-hosts} and browser pages of
 * {@code chief.management.allowed-origins}. A management host other than loopback without a login
 * is refused at start.
 */
public final class ManagementSecurity extends MainListenerSupport {

    /** Where Chief before issue 15 wrote the password in clear; removed at start if still there. */
    static final String OLD_PASSWORD_FILE = "management-users.properties";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        Settings settings = new Settings(main.getCamelContext().getPropertiesComponent());
        List<String> remoteHosts = settings.get(MANAGEMENT_REMOTE_HOSTS);
        List<String> origins = settings.get(MANAGEMENT_ALLOWED_ORIGINS);
        Optional<OperatorLogin> login = login(settings.get(MANAGEMENT_HOST), settings.get(MANAGEMENT_USER),
                settings.get(MANAGEMENT_PASSWORD));
        ManagementJolokia jolokia = new ManagementJolokia(new JolokiaPolicy(remoteHosts, origins, login.isPresent()), login);
        removeOldPasswordFile(settings.get(DATA_DIR));
        // Camel's plugin registry takes a bean of this name before its own Jolokia plugin
        main.getCamelContext().getRegistry().bind(JolokiaPlatformHttpPlugin.NAME, jolokia);
        main.getCamelContext().getRegistry().bind(OpsRoutes.ACCESS, new OpsAccess(remoteHosts, origins, login));
    }

    /** The login every Jolokia request must carry, if configured; fails when the port is exposed without one. */
    static Optional<OperatorLogin> login(String host, String user, String password) {
        if (user.isEmpty() != password.isEmpty()) {
            throw new IllegalStateException("Set both chief.management.user (CHIEF_MANAGEMENT_USER) and CHIEF_MANAGEMENT_PASSWORD,"
                    + " or neither");
        }
        if (user.isEmpty() && !loopback(host)) {
            throw new IllegalStateException("chief.management.host=" + host + " exposes Jolokia beyond this machine:"
                    + " set CHIEF_MANAGEMENT_USER and CHIEF_MANAGEMENT_PASSWORD so that it asks for a login");
        }
        return user.isEmpty() ? Optional.empty() : Optional.of(new OperatorLogin(user, password));
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void removeOldPasswordFile(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(OLD_PASSWORD_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + dataDir.resolve(OLD_PASSWORD_FILE) + ", which holds a password", e);
        }
    }

}
