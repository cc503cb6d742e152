package com.chief.bootstrap;

import com.chief.config.ChiefSettings;
import com.chief.model.Json;
import com.chief.sink.search.SearchRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts Chief's index templates ({@code search/<name>.index-template.json} in the jar). The
 * {@code _index_template} API is the same in OpenSearch and Elasticsearch, and a PUT replaces
 * the template, so this is idempotent.
 */
public final class SearchTemplates {

    static final List<String> TEMPLATES = List.of("chief-orders", "chief-job-status", "chief-job-history", "chief-rejects",
            "chief-sla-breaches");
    private static final Logger LOG = LoggerFactory.getLogger(SearchTemplates.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SearchTemplates() {
    }

    public static void apply(ChiefSettings.Search search) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        for (String name : TEMPLATES) {
            String template = withRefreshInterval(search.embedded() ? singleNode(read(name)) : read(name),
                    search.refreshInterval());
            send(http, search, "PUT", "/_index_template/" + name, template, "Index template " + name);
            LOG.debug("Index template {} applied", name);
        }
        if (!search.refreshInterval().isBlank()) {
            // a template reaches new indices only (a month away with the default date pattern): the existing ones too
            send(http, search, "PUT", "/chief-*/_settings?ignore_unavailable=true&allow_no_indices=true",
                    "{\"index\":{\"refresh_interval\":" + Json.MAPPER.writeValueAsString(search.refreshInterval().trim())
                            + "}}", "The refresh interval of existing indices");
        }
    }

    private static void send(HttpClient http, ChiefSettings.Search search, String method, String path, String body,
            String what) throws IOException, InterruptedException {
        HttpRequest.Builder request = SearchRequests.request(search.requestAuth(), method, search.url().resolve(path),
                "application/json", body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " was refused (HTTP " + response.statusCode() + "): " + response.body());
        }
    }

    /** {@code chief.search.refresh-interval} (e.g. {@code 250ms}) in the template's index settings; empty: unchanged. */
    static String withRefreshInterval(String template, String interval) throws IOException {
        if (interval == null || interval.isBlank()) {
            return template;
        }
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(template);
        json.with("template").with("settings").put("refresh_interval", interval.trim());
        return Json.MAPPER.writeValueAsString(json);
    }

    /**
     * The embedded search engine is one node: a replica can never be placed (the cluster stays yellow)
     * and only costs heap; no replicas there. Real clusters keep their default.
     */
    static String singleNode(String template) throws IOException {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(template);
        json.with("template").with("settings").put("number_of_replicas", 0);
        return Json.MAPPER.writeValueAsString(json);
    }

    private static String read(String name) throws IOException {
        String resource = "search/" + name + ".index-template.json";
        try (InputStream in = SearchTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
