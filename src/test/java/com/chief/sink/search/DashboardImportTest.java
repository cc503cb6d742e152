package com.chief.sink.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The shipped saved objects hang together with Chief's index templates, and the import posts them as Dashboards/Kibana expect. */
class DashboardImportTest {

    private static final Map<String, String> TEMPLATE_OF_PATTERN = Map.of(
            "chief-orders", "chief-orders", "chief-job-history", "chief-job-history",
            "chief-rejects", "chief-rejects", "chief-sla-breaches", "chief-sla-breaches");

    @Test
    void everyVisualizationUsesAnIndexPatternOfTheFileAndFieldsItsTemplateMaps() throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        for (String line : new String(DashboardImport.bundled(), StandardCharsets.UTF_8).split("\n")) {
            JsonNode object = Json.MAPPER.readTree(line);
            byId.put(object.path("type").asText() + ":" + object.path("id").asText(), object);
        }
        List<String> titles = new ArrayList<>();
        for (JsonNode object : byId.values()) {
            if (!object.path("type").asText().equals("visualization")) {
                continue;
            }
            JsonNode visState = Json.MAPPER.readTree(object.path("attributes").path("visState").asText());
            titles.add(visState.path("title").asText());
            String pattern = object.path("references").get(0).path("id").asText();
            JsonNode indexPattern = byId.get("index-pattern:" + pattern);
            assertThat(indexPattern).as("index pattern %s", pattern).isNotNull();
            JsonNode mappings = template(TEMPLATE_OF_PATTERN.get(pattern));
            assertThat(field(mappings, indexPattern.path("attributes").path("timeFieldName").asText()).path("type").asText())
                    .isEqualTo("date");
            for (JsonNode agg : visState.path("aggs")) {
                String field = agg.path("params").path("field").asText(null);
                if (field != null) {
                    assertThat(field(mappings, field).path("type").asText()).as("%s in %s", field, pattern)
                            .isIn("keyword", "date");
                }
            }
        }
        assertThat(titles).containsExactlyInAnyOrder("Orders per hour by gender",
                "Custom (store) orders of female customers by design per hour",
                "Completed jobs per factory and robot per hour", "SLA breaches per hour by factory",
                "Rejected records per reason");
        JsonNode dashboard = byId.get("dashboard:chief-operations");
        assertThat(dashboard.path("references")).hasSize(5)
                .allSatisfy(ref -> assertThat(byId).containsKey("visualization:" + ref.path("id").asText()));
    }

    @Test
    void theImportPostsTheObjectsAsMultipartWithTheXsrfHeadersOfBothProducts() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        Map<String, String> headers = new HashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/saved_objects/_import", exchange -> {
            headers.put("query", exchange.getRequestURI().getQuery());
            for (String name : List.of("osd-xsrf", "kbn-xsrf", "Authorization", "Content-Type")) {
                headers.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"success\":true,\"successCount\":10}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            HttpResponse<String> response = DashboardImport.send(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()), DashboardImport.bundled(), "admin", "pw");
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            server.stop(0);
        }
        assertThat(headers).containsEntry("query", "overwrite=true").containsEntry("osd-xsrf", "true")
                .containsEntry("kbn-xsrf", "true").containsEntry("Authorization", "Basic YWRtaW46cHc=");
        assertThat(headers.get("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(body.get()).contains("filename=\"chief.ndjson\"")
                .contains(new String(DashboardImport.bundled(), StandardCharsets.UTF_8));
    }

    private static JsonNode template(String name) throws Exception {
        try (InputStream in = getResource("search/" + name + ".index-template.json")) {
            return Json.MAPPER.readTree(in).path("template").path("mappings");
        }
    }

    private static InputStream getResource(String name) {
        return DashboardImportTest.class.getClassLoader().getResourceAsStream(name);
    }

    private static JsonNode field(JsonNode mappings, String path) {
        JsonNode node = mappings;
        for (String part : path.split("\\.")) {
            node = node.path("properties").path(part);
        }
        return node;
    }
}
