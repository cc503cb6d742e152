package com.chief.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Json;
import com.chief.support.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Jolokia as Camel Main serves it with {@link ManagementSecurity}, in-process, over HTTP: what a web
 * page in the operator's browser, an anonymous local client and a logged-in operator may do.
 */
class ManagementJolokiaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString("ops:test-pw".getBytes(StandardCharsets.UTF_8));
    private static final String STOP = "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=jolokia-test,type=routes,name=\\\"ticker\\\"\","
            + "\"operation\":\"stop()\"}";
    private static final String START = STOP.replace("stop()", "start()");
    private static final String READ = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=jolokia-test,type=routes,name=\\\"ticker\\\"\","
            + "\"attribute\":\"State\"}";

    private final int port = FreePorts.next();
    private final String self = "http://127.0.0.1:" + port;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void aForeignPageIsRefusedEvenWithTheLoginAndNoRouteStops() throws Exception {
        start("ops", "test-pw");
        // what any web page can send without a preflight: a text/plain POST; the browser adds the cached login
        HttpResponse<String> response = post(STOP, Map.of("Origin", "http://evil.example", "Content-Type", "text/plain",
                "Authorization", LOGIN));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(route()).isEqualTo(ServiceStatus.Started);
        // a page that hides its origin (Referrer-Policy: no-referrer) sends neither header
        assertThat(get("/exec/org.apache.camel:context=jolokia-test,type=routes,name=%22ticker%22/stop()",
                Map.of("Authorization", LOGIN)).statusCode()).isEqualTo(403);
        assertThat(route()).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anAnonymousClientMayReadButNotRunOperations() throws Exception {
        start("", "");
        JsonNode read = Json.MAPPER.readTree(post(READ, Map.of("Origin", self)).body());
        assertThat(read.path("value").asText()).isEqualTo("Started");
        HttpResponse<String> exec = post(STOP, Map.of("Origin", self));
        assertThat(Json.MAPPER.readTree(exec.body()).path("status").asInt()).as(exec.body()).isEqualTo(403);
        assertThat(route()).isEqualTo(ServiceStatus.Started);
        // Hawtio's proxied GETs carry the page in the Referer
        assertThat(get("/version", Map.of("Referer", "http://localhost:8090/hawtio/camel/routes")).statusCode()).isEqualTo(200);
    }

    @Test
    void withALoginConfiguredAnAnonymousExecIsAskedToLogIn() throws Exception {
        start("ops", "test-pw");
        HttpResponse<String> response = post(STOP, Map.of("Origin", self));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"chief\"");
        assertThat(post(STOP, Map.of("Origin", self, "Authorization", LOGIN.replace("B", "C"))).statusCode()).isEqualTo(401);
        assertThat(route()).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void theLoggedInOperatorStopsAndStartsARoute() throws Exception {
        start("ops", "test-pw");
        HttpResponse<String> stop = post(STOP, Map.of("Origin", self, "Authorization", LOGIN));
        assertThat(Json.MAPPER.readTree(stop.body()).path("status").asInt()).as(stop.body()).isEqualTo(200);
        assertThat(route()).isEqualTo(ServiceStatus.Stopped);
        // Hawtio's proxy passes on the Hawtio page's origin
        post(START, Map.of("Origin", "http://127.0.0.1:8090", "Authorization", LOGIN));
        assertThat(route()).isEqualTo(ServiceStatus.Started);
    }

    private void start(String user, String password) {
        main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.setInitialProperties(Map.of(
                "camel.main.name", "jolokia-test",
                "camel.management.enabled", "true",
                "camel.management.host", "127.0.0.1",
                "camel.management.port", String.valueOf(port),
                "camel.management.jolokia-enabled", "true",
                "chief.data-dir", "target/jolokia-test",
                "chief.management.host", "127.0.0.1",
                "chief.management.user", user,
                "chief.management.password", password,
                "chief.management.remote-hosts", "127.0.0.1,::1"));
        main.addInitialProperty("chief.management.allowed-origins", self + ",http://localhost:8090,http://127.0.0.1:8090");
        main.addMainListener(new ManagementSecurity());
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:tick?period=60000").routeId("ticker").log("tick");
            }
        });
        main.start();
    }

    private ServiceStatus route() {
        return main.getCamelContext().getRouteController().getRouteStatus("ticker");
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(self + "/observe/jolokia/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(self + "/observe/jolokia" + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
