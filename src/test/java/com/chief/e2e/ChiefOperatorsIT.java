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
 * routes and the other overlays are not touched — opens the status page in a real browser, and
 * opens Hawtio on it with the one command tools/hawtio.sh.
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

    private static final String DB_PASSWORD = "test-only-db-password";
    private static final String SEARCH_PASSWORD = "test-only-search-password";
    private static final String SMTP_PASSWORD = "test-only-smtp-password";

    private ChiefProcess chief;
    private Path overlay;
    private final int hawtioPort = com.chief.support.FreePorts.next();
    private final int managementPort = com.chief.support.FreePorts.next();

    @BeforeAll
    void start() throws Exception {
        overlay = Files.createDirectories(workDir.resolve("routes")).resolve("vip.camel.yaml");
        Files.writeString(overlay, ROUTE.formatted("gold"));
        // every secret from the environment, as docs/operations.md (Security) says; none may reach the log or data/
        chief = ChiefProcess.start(workDir, Map.of("CHIEF_TAILOR_SPEED_FACTOR", "36000",
                "CHIEF_MANAGEMENT_USER", "ops", "CHIEF_MANAGEMENT_PASSWORD", OPS_PASSWORD,
                "CHIEF_MANAGEMENT_PORT", String.valueOf(managementPort),
                "CHIEF_MANAGEMENT_ALLOWED_ORIGINS", "http://127.0.0.1:" + managementPort + ",http://127.0.0.1:" + hawtioPort,
                "CHIEF_DB_USER", "chief", "CHIEF_DB_PASSWORD", DB_PASSWORD,
                "CHIEF_SEARCH_USER", "chief", "CHIEF_SEARCH_PASSWORD", SEARCH_PASSWORD,
                "CAMEL_COMPONENT_SMTP_PASSWORD", SMTP_PASSWORD));
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
            passes("a.txt", "gold order 1");
            filteredOut("b.txt", "silver order 1");

            Files.writeString(overlay, ROUTE.formatted("silver")); // as an editor saves it
            await().atMost(Duration.ofSeconds(30)).until(() -> chief.log().contains("Routes reloaded"));
            passes("c.txt", "silver order 2");
            filteredOut("d.txt", "gold order 2");

            int logged = chief.log().length();
            Files.writeString(overlay, ROUTE.formatted("silver").replace("- filter:", "- filtr:"));
            await().atMost(Duration.ofSeconds(30)).until(() -> chief.log().substring(logged).contains("Error reloading routes"));
            String error = chief.log().substring(chief.log().indexOf("Error reloading routes", logged));
            System.out.println("Broken edit reported as: " + error.lines().limit(2).toList());
            assertThat(error).contains("routes/vip.camel.yaml").contains("Unknown node id: filtr").contains("line 6");
            passes("e.txt", "silver order 3"); // the previous version still runs

            assertThat(routeState(chief, "intake-orders")).isEqualTo("Started");
            assertThat(routeState(chief, "factory-west")).isEqualTo("Started");
            assertThat(chief.get("/observe/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theStatusPageShowsOrdersFactoriesAndLagInABrowser() throws Exception {
        Path staging = Files.createDirectories(workDir.resolve("staging"));
        List<String> orders = new OrderGenerator(ReferenceData.load(Path.of("reference-data.yaml")), 3, Clock.systemUTC())
                .generate(40, 10, 0, 0.1).records();
        Path file = OrderFiles.write(staging, "status", orders, orders.size()).get(0);
        Files.move(file, inbox().resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                Json.MAPPER.readTree(chief.get("/status/data.json").body()).path("robots").toString().contains("Completed"));

        Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
        String dom = Chromium.open(chief.management("/status"), screenshot);
        System.out.println("Status page screenshot: " + screenshot);
        assertThat(dom).contains("Chief — order pipeline").contains("id=\"at\">as of ")
                .contains("<td>factory1</td>").contains("data-stage=\"order-factory\"").contains("data-chart=\"accepted\"");
        assertThat(accepted(dom)).isPositive();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static long accepted(String dom) {
        Matcher matcher = Pattern.compile("<b id=\"ordersAccepted\">([\\d,]+)</b>").matcher(dom);
        return matcher.find() ? Long.parseLong(matcher.group(1).replace(",", "")) : -1;
    }

    @Test
    void jolokiaAsksForTheOperatorsLoginAndRefusesForeignPagesWhileHealthAndMetricsStayOpen() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder version = HttpRequest.newBuilder(chief.management("/observe/jolokia/version"))
                .header("Origin", chief.management("").toString());
        assertThat(http.send(version.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(version.header("Authorization", OPS_LOGIN).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        // a page of another site, with the login the browser has cached: a text/plain POST needs no preflight
        String stop = "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=chief,type=routes,name=\\\"aurora-load\\\"\","
                + "\"operation\":\"stop()\"}";
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(chief.management("/observe/jolokia"))
                .header("Origin", "http://evil.example").header("Content-Type", "text/plain").header("Authorization", OPS_LOGIN)
                .POST(HttpRequest.BodyPublishers.ofString(stop)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(routeState(chief, "aurora-load")).isEqualTo("Started");
        assertThat(chief.get("/observe/health").statusCode()).isEqualTo(200);
        assertThat(chief.get("/observe/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void secretsFromTheEnvironmentReachNeitherTheLogNorTheDataFolder() throws Exception {
        List<String> secrets = List.of(OPS_PASSWORD, DB_PASSWORD, SEARCH_PASSWORD, SMTP_PASSWORD);
        assertThat(chief.log()).doesNotContain(secrets);
        try (var files = Files.walk(workDir.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain(secrets);
            }
        }
        assertThat(workDir.resolve("data/management-users.properties")).doesNotExist();
    }

    @Test
    void oneCommandOpensHawtioOnChiefsRoutesAndTheAuroraLoadSchedule() throws Exception {
        Path orders = Files.createDirectories(workDir.resolve("staging-hawtio")).resolve("hawtio.json");
        Files.writeString(orders, "{\"orderId\":\"h-1\",\"userid\":\"h@example.com\",\"gender\":\"F\",\"size\":\"M\","
                + "\"material\":\"linen\",\"design\":\"aqua\",\"timestamp\":\"2026-11-22T04:00:00Z\"}\n");
        Files.move(orders, inbox().resolve("hawtio.json"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.parseLong(routeAttribute(chief, "intake-orders", "ExchangesTotal")) > 0);

        Path log = workDir.resolve("hawtio.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of("tools/hawtio.sh").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HAWTIO_PORT", String.valueOf(hawtioPort)); // an allowed origin of Chief's Jolokia
        builder.environment().put("HAWTIO_HOME", Path.of("target/hawtio").toAbsolutePath().toString());
        builder.environment().put("CHIEF_MANAGEMENT_PORT", String.valueOf(chief.ports.get("CHIEF_MANAGEMENT_PORT")));
        Process hawtio = builder.start();
        try {
            Pattern printed = Pattern.compile("open (http://\\S+/chief/)");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .failFast("Hawtio exited: " + log, () -> !hawtio.isAlive())
                    .until(() -> printed.matcher(Files.readString(log)).find());
            Matcher url = printed.matcher(Files.readString(log));
            assertThat(url.find()).isTrue();

            String out = Chromium.run("hawtio-chief.mjs", List.of(url.group(1), "ops", OPS_PASSWORD,
                    Path.of("target").toAbsolutePath().toString()));
            System.out.println("Hawtio screenshots: target/hawtio-camel-routes.png, target/hawtio-quartz-triggers.png");
            var seen = Json.MAPPER.readTree(out);
            var routes = seen.path("routes");
            assertThat(routes.path("intake-orders").path("State").asText()).isEqualTo("Started");
            assertThat(routes.path("intake-orders").path("Total").asLong()).isPositive();
            assertThat(routes.has("factory-west") && routes.has("order-factory") && routes.has("aurora-load")).as(out).isTrue();
            var trigger = java.util.stream.StreamSupport.stream(seen.path("triggers").spliterator(), false)
                    .filter(t -> t.path("Name").asText().equals("aurora-load")).findFirst() // beside retention-purge
                    .orElseThrow(() -> new AssertionError("no aurora-load trigger: " + out));
            assertThat(trigger.path("Type").asText()).isEqualTo("cron");
            assertThat(trigger.path("Expression").asText()).isEqualTo(defaultSetting("chief.aurora.cron"));
            assertThat(trigger.path("Next Fire").asText()).isNotBlank();
        } finally {
            hawtio.descendants().forEach(ProcessHandle::destroy);
            hawtio.destroy();
            hawtio.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static String defaultSetting(String key) throws java.io.IOException {
        var defaults = new java.util.Properties();
        try (var reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            defaults.load(reader);
        }
        return defaults.getProperty(key);
    }

    /** The orders inbox, there once Chief is healthy. */
    private static Path inbox() {
        return workDir.resolve("data/inbox/orders");
    }

    /** The route passes the file on to its outbox. */
    private void passes(String name, String body) throws Exception {
        Path out = dropVip(name, body);
        await(name + " passed on").atMost(Duration.ofSeconds(5)).until(() -> Files.exists(out));
    }

    /** The route's filter drops the file: nothing reaches the outbox. */
    private void filteredOut(String name, String body) throws Exception {
        Path out = dropVip(name, body);
        await(name + " not passed on").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !Files.exists(out));
    }

    /** Drops a file into the route's inbox and waits until the route took it; where the route would pass it on. */
    private static Path dropVip(String name, String body) throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("data/inbox/vip"));
        Files.writeString(inbox.resolve("." + name), body);
        Files.move(inbox.resolve("." + name), inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve(name))); // consumed
        return workDir.resolve("data/outbox/vip").resolve(name);
    }

    private static String routeState(ChiefProcess chief, String routeId) throws Exception {
        return routeAttribute(chief, routeId, "State");
    }

    private static String routeAttribute(ChiefProcess chief, String routeId, String attribute) throws Exception {
        String read = Json.MAPPER.createObjectNode().put("type", "read")
                .put("mbean", "org.apache.camel:context=chief,type=routes,name=\"" + routeId + "\"")
                .put("attribute", attribute).toString();
        HttpResponse<String> response = chief.jolokia(OPS_LOGIN, read);
        return Json.MAPPER.readTree(response.body()).path("value").asText(response.body());
    }
}
