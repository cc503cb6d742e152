package com.chief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chief.generate.OrderFiles;
import com.chief.generate.OrderGenerator;
import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.chief.support.Chromium;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator of the packaged jar sees and does, on one running Chief: edits a YAML overlay
 * live (reload is on in the local profile) — the file's routes change within seconds, a broken
 * edit is reported with the file and line while the previous routes keep running, and the Java
 * routes and the other overlays are not touched — and opens the status page in a real browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChiefOperatorsIT {

    private static final String ROUTE = """
            - route:
                id: vip-orders
                from:
                  uri: file:{{chief.data-dir}}/inbox/vip
                  steps:
                    - filter:
                        simple: "${bodyAs(String)} contains '%s'"
                        steps:
                          - to: file:{{chief.data-dir}}/outbox/vip
            """;

    private static final String OPS_PASSWORD = "test-only-password";
    private static final String OPS_LOGIN = "Basic " + java.util.Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes());

    @TempDir
    static Path workDir;

    private ChiefProcess chief;
    private Path overlay;

    @BeforeAll
    void start() throws Exception {
        overlay = Files.createDirectories(workDir.resolve("routes")).resolve("vip.camel.yaml");
        Files.writeString(overlay, ROUTE.formatted("gold"));
        chief = ChiefProcess.start(workDir, Map.of("CHIEF_TAILOR_SPEED_FACTOR", "36000",
                "CHIEF_MANAGEMENT_USER", "ops", "CHIEF_MANAGEMENT_PASSWORD", OPS_PASSWORD));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .failFast("Chief exited", () -> !chief.isAlive())
                .until(() -> chief.get("/observe/health"), r -> r != null && r.statusCode() == 200);
    }

    @AfterAll
    void stop() throws Exception {
        if (chief != null) {
            chief.terminate(Duration.ofSeconds(40));
            chief.close();
        }
    }

    @Test
    void aSavedEditChangesItsRoutesLiveAndABrokenEditLeavesThemRunning() throws Exception {
        {
            assertThat(passes(chief, "a.txt", "gold order 1")).isTrue();
            assertThat(passes(chief, "b.txt", "silver order 1")).isFalse();

            Files.writeString(overlay, ROUTE.formatted("silver")); // as an editor saves it
            await().atMost(Duration.ofSeconds(30)).until(() -> chief.log().contains("Routes reloaded"));
            assertThat(passes(chief, "c.txt", "silver order 2")).isTrue();
            assertThat(passes(chief, "d.txt", "gold order 2")).isFalse();

            int logged = chief.log().length();
            Files.writeString(overlay, ROUTE.formatted("silver").replace("- filter:", "- filtr:"));
            await().atMost(Duration.ofSeconds(30)).until(() -> chief.log().substring(logged).contains("Error reloading routes"));
            String error = chief.log().substring(chief.log().indexOf("Error reloading routes", logged));
            System.out.println("Broken edit reported as: " + error.lines().limit(2).toList());
            assertThat(error).contains("routes/vip.camel.yaml").contains("Unknown node id: filtr").contains("line 6");
            assertThat(passes(chief, "e.txt", "silver order 3")).as("the previous version still runs").isTrue();

            assertThat(routeState(chief, "intake-orders")).isEqualTo("Started");
            assertThat(routeState(chief, "factory-west")).isEqualTo("Started");
            assertThat(chief.get("/observe/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theStatusPageShowsOrdersFactoriesAndLagInABrowser() throws Exception {
        Path staging = Files.createDirectories(workDir.resolve("staging"));
        List<String> orders = new OrderGenerator(ReferenceData.load(Path.of("reference-data.yaml")), 3, Clock.systemUTC())
                .records(40, 10, 0, 0.1);
        Path file = OrderFiles.write(staging, "status", orders, orders.size()).get(0);
        Files.move(file, inbox().resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                Json.MAPPER.readTree(chief.get("/status/data.json").body()).path("robots").toString().contains("Completed"));

        Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
        String dom = Chromium.dumpDom(chief.management("/status"));
        Chromium.screenshot(chief.management("/status"), screenshot);
        System.out.println("Status page screenshot: " + screenshot);
        assertThat(dom).contains("Chief — order pipeline status").contains("id=\"at\">as of ")
                .contains("<td>factory1</td>").contains("<td>order-factory</td>");
        assertThat(accepted(dom)).isPositive();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static long accepted(String dom) {
        Matcher matcher = Pattern.compile("<b id=\"accepted\">(\\d+)</b>").matcher(dom);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    @Test
    void jolokiaAsksForTheOperatorsLoginWhileHealthAndMetricsStayOpen() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder version = HttpRequest.newBuilder(chief.management("/observe/jolokia/version"));
        assertThat(http.send(version.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(version.header("Authorization", OPS_LOGIN).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        assertThat(chief.get("/observe/health").statusCode()).isEqualTo(200);
        assertThat(chief.get("/observe/metrics").statusCode()).isEqualTo(200);
        assertThat(chief.log()).doesNotContain(OPS_PASSWORD);
    }

    @Test
    void hawtioShowsChiefsRoutesWithTheirExchangeCounts() throws Exception {
        Path orders = Files.createDirectories(workDir.resolve("staging-hawtio")).resolve("hawtio.json");
        Files.writeString(orders, "{\"orderId\":\"h-1\",\"userid\":\"h@example.com\",\"gender\":\"F\",\"size\":\"M\","
                + "\"material\":\"linen\",\"design\":\"aqua\",\"timestamp\":\"2026-11-22T04:00:00Z\"}\n");
        Files.move(orders, inbox().resolve("hawtio.json"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.parseLong(routeAttribute(chief, "intake-orders", "ExchangesTotal")) > 0);

        int port = com.chief.support.FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(Path.of("tools/hawtio.sh").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("hawtio.log").toFile());
        builder.environment().put("HAWTIO_PORT", String.valueOf(port));
        builder.environment().put("HAWTIO_HOME", Path.of("target/hawtio").toAbsolutePath().toString());
        Process hawtio = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .failFast("Hawtio exited: " + workDir.resolve("hawtio.log"), () -> !hawtio.isAlive())
                    .until(() -> {
                        try {
                            return http.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/hawtio/"))
                                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (java.io.IOException notYet) {
                            return false;
                        }
                    });
            Path driver = Path.of("target/playwright").toAbsolutePath();
            Files.copy(Path.of("src/test/js/hawtio-routes.mjs"), driver.resolve("hawtio-routes.mjs"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path screenshot = Path.of("target/hawtio-camel-routes.png").toAbsolutePath();
            Process browser = new ProcessBuilder("node", "hawtio-routes.mjs", "http://127.0.0.1:" + port,
                    String.valueOf(chief.ports.get("CHIEF_MANAGEMENT_PORT")), "ops", OPS_PASSWORD, screenshot.toString())
                    .directory(driver.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(browser.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(browser.waitFor()).as(out).isZero();
            System.out.println("Hawtio screenshot: " + screenshot);
            var routes = Json.MAPPER.readTree(out);
            assertThat(routes.path("intake-orders").path("State").asText()).isEqualTo("Started");
            assertThat(routes.path("intake-orders").path("Total").asLong()).isPositive();
            assertThat(routes.has("factory-west") && routes.has("order-factory") && routes.has("aurora-load")).as(out).isTrue();
        } finally {
            hawtio.descendants().forEach(ProcessHandle::destroy);
            hawtio.destroy();
            hawtio.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The orders inbox, there once Chief is healthy. */
    private static Path inbox() {
        return workDir.resolve("data/inbox/orders");
    }

    /** Drops a file into the route's inbox; true if the route passed it on to its outbox. */
    private boolean passes(ChiefProcess chief, String name, String body) throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("data/inbox/vip"));
        Files.writeString(inbox.resolve("." + name), body);
        Files.move(inbox.resolve("." + name), inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve(name))); // consumed
        Thread.sleep(500);
        return Files.exists(workDir.resolve("data/outbox/vip").resolve(name));
    }

    private static String routeState(ChiefProcess chief, String routeId) throws Exception {
        return routeAttribute(chief, routeId, "State");
    }

    private static String routeAttribute(ChiefProcess chief, String routeId, String attribute) throws Exception {
        String read = Json.MAPPER.createObjectNode().put("type", "read")
                .put("mbean", "org.apache.camel:context=chief,type=routes,name=\"" + routeId + "\"")
                .put("attribute", attribute).toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(chief.management("/observe/jolokia"))
                .header("Content-Type", "application/json").header("Authorization", OPS_LOGIN).POST(HttpRequest.BodyPublishers.ofString(read)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body()).path("value").asText(response.body());
    }
}
