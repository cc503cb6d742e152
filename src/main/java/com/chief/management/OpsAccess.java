package com.chief.management;

import com.chief.ops.OpsJson;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import io.vertx.core.net.SocketAddress;

/**
 * Who may call Chief's operations API ({@code /ops/*} on the management port): the same rules as
 * Jolokia there. The client must be one of {@code chief.management.remote-hosts} and a browser page
 * one of {@code chief.management.allowed-origins} (else 403). With an operator login configured every
 * request must carry it (else 401); without one, reads are open (the port is then loopback only) and
 * actions — what changes a sink, like Jolokia's {@code exec} — are refused (403), as Jolokia refuses
 * {@code exec} without a login.
 */
public final class OpsAccess {

    private final List<String> remoteHosts;
    private final List<String> allowedOrigins;
    private final Optional<OperatorLogin> login;

    public OpsAccess(List<String> remoteHosts, List<String> allowedOrigins, Optional<OperatorLogin> login) {
        this.remoteHosts = remoteHosts;
        this.allowedOrigins = allowedOrigins;
        this.login = login;
    }

    /** Lets a request through to read, or answers it with 401/403 and stops its route. */
    public Processor reading() {
        return exchange -> check(exchange, false);
    }

    /** Lets a request through to act on the sinks (replay, rebuild, repair), or answers it with 401/403. */
    public Processor acting() {
        return exchange -> check(exchange, true);
    }

    private void check(Exchange exchange, boolean action) {
        var in = exchange.getMessage();
        String authorization = in.getHeader("Authorization", String.class);
        in.removeHeader("Authorization"); // never into a log or a trace of the exchange
        String refusal = refusal(client(in.getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS)),
                origin(in.getHeader("Origin", String.class), in.getHeader("Referer", String.class)), authorization, action);
        if (refusal != null) {
            int status = refusal.startsWith("login") ? 401 : 403;
            if (status == 401) {
                in.setHeader("WWW-Authenticate", "Basic realm=\"chief\"");
            }
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(OpsJson.error(refusal));
            exchange.setRouteStop(true);
        }
    }

    /** Why a request is refused, or null; a refusal starting with "login" is a 401. */
    String refusal(String client, String origin, String authorization, boolean action) {
        if (client == null || !remoteHosts.contains(client) && remoteHosts.stream().noneMatch(host -> sameHost(host, client))) {
            return "client " + client + " is not in chief.management.remote-hosts";
        }
        if (origin != null && !allowedOrigins.contains(origin)) {
            return "origin " + origin + " is not in chief.management.allowed-origins";
        }
        if (login.isPresent()) {
            return login.get().accepts(authorization) ? null : "login required (HTTP Basic, chief.management.user)";
        }
        return action ? "operator actions need a login: set CHIEF_MANAGEMENT_USER and CHIEF_MANAGEMENT_PASSWORD" : null;
    }

    private static boolean sameHost(String host, String client) {
        try {
            return InetAddress.getByName(host).equals(InetAddress.getByName(client));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String client(Object address) {
        return address instanceof SocketAddress socket ? socket.hostAddress() : null;
    }

    /** The page a browser request comes from: its Origin header, else the origin of its Referer; null for neither. */
    public static String origin(String origin, String referer) {
        if (origin != null) {
            return origin.strip();
        }
        if (referer == null) {
            return null;
        }
        try {
            URI page = URI.create(referer.strip());
            return page.getScheme() + "://" + page.getRawAuthority();
        } catch (IllegalArgumentException notAUri) {
            return referer; // matches no allowed origin
        }
    }
}
