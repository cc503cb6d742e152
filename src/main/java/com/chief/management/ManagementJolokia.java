package com.chief.management;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.Utils;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.support.service.ServiceSupport;
import org.jolokia.json.JSONStructure;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.server.core.service.api.LogHandler;
import org.jolokia.server.core.util.NetworkUtil;
import org.jolokia.service.jmx.LocalRequestHandler;
import org.jolokia.service.serializer.JolokiaSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia at {@code /observe/jolokia}, in place of Camel's own plugin (bound as "jolokia", which
 * Camel's plugin registry looks up before its default) because that one can only read a policy
 * fixed inside the jar and answers refusals with HTTP 500. Per request, in this order: the client
 * address and the browser origin ({@code Origin}, else the {@code Referer}'s origin; neither is
 * refused) must be allowed by the {@link JolokiaPolicy} (else 403); with an {@link OperatorLogin}
 * the request must carry it (else 401); then Jolokia runs it under the policy.
 */
public final class ManagementJolokia extends ServiceSupport implements JolokiaPlatformHttpPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementJolokia.class);

    private final JolokiaServiceManager serviceManager;
    private final Optional<OperatorLogin> login;
    private CamelContext camelContext;
    private HttpRequestHandler jolokia;

    public ManagementJolokia(JolokiaPolicy policy, Optional<OperatorLogin> login) {
        this.login = login;
        var config = new StaticConfiguration(ConfigKey.AGENT_ID, NetworkUtil.getAgentId(hashCode(), "vertx"));
        serviceManager = JolokiaServiceManagerFactory.createJolokiaServiceManager(config, new JolokiaLog(), policy.restrictor());
        serviceManager.addService(new JolokiaSerializer());
        serviceManager.addService(new LocalRequestHandler(1));
    }

    @Override
    protected void doStart() {
        jolokia = new HttpRequestHandler(serviceManager.start());
    }

    @Override
    protected void doStop() {
        serviceManager.stop();
    }

    @Override
    public Object getHandler() {
        return (Handler<RoutingContext>) this::handle;
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String client = request.remoteAddress().host();
        String origin = origin(request);
        try {
            jolokia.checkAccess(request.scheme(), client, client, origin);
        } catch (SecurityException refused) {
            LOG.debug("Jolokia request from {} (origin {}) refused: {}", client, origin, refused.getMessage());
            respond(context, 403, jolokia.handleThrowable(refused));
            return;
        }
        if (login.isPresent() && !login.get().accepts(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            context.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"chief\"").end();
            return;
        }
        JSONStructure answer;
        try {
            answer = request.method() == HttpMethod.GET
                    ? jolokia.handleGetRequest(request.uri(), Utils.pathOffset(request.path(), context), parameters(request.params()))
                    : jolokia.handlePostRequest(request.uri(), new ByteArrayInputStream(
                            context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes()),
                            StandardCharsets.UTF_8.name(), parameters(request.params()));
        } catch (Exception | LinkageError e) {
            respond(context, 500, jolokia.handleThrowable(e));
            return;
        }
        // refusals by the policy (an exec without a login) come back inside the answer, status 403, as Jolokia does
        respond(context, 200, answer);
    }

    private static void respond(RoutingContext context, int status, JSONStructure json) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json.toJSONString());
    }

    /** The page a browser request comes from (as for {@code /ops}): its Origin, else its Referer's origin; null for neither. */
    static String origin(HttpServerRequest request) {
        return OpsAccess.origin(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.REFERER));
    }

    private static Map<String, String[]> parameters(MultiMap params) {
        Map<String, String[]> parameters = new HashMap<>();
        for (String name : params.names()) {
            parameters.put(name, params.getAll(name).toArray(new String[0]));
        }
        return parameters;
    }

    @Override
    public String getId() {
        return NAME;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    private static final class JolokiaLog implements LogHandler {
        @Override
        public void debug(String message) {
            LOG.debug(message);
        }

        @Override
        public void info(String message) {
            LOG.info(message);
        }

        @Override
        public void error(String message, Throwable t) {
            LOG.error(message, t);
        }

        @Override
        public boolean isDebug() {
            return LOG.isDebugEnabled();
        }
    }
}
