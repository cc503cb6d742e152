package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.sink.search.SearchAuthorization;
import com.chief.sink.search.SearchEngine;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both engines' REST clients send the search password in hand at each request, so a rotated one is used at once. */
class SearchClientsRotatingLoginTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void openSearchClientSendsTheCurrentPassword() throws Exception {
        AtomicReference<String> password = new AtomicReference<>("first");
        try (var client = SearchClients.opensearch(search(SearchEngine.OPENSEARCH, password))) {
            client.performRequest(new org.opensearch.client.Request("GET", "/"));
            password.set("rotated");
            client.performRequest(new org.opensearch.client.Request("GET", "/"));
        }
        assertThat(authorizations).containsExactly(basic("first"), basic("rotated"));
    }

    @Test
    void elasticsearchClientSendsTheCurrentPassword() throws Exception {
        AtomicReference<String> password = new AtomicReference<>("first");
        try (var client = SearchClients.elasticsearch(search(SearchEngine.ELASTICSEARCH, password))) {
            client.performRequest(new org.elasticsearch.client.Request("GET", "/"));
            password.set("rotated");
            client.performRequest(new org.elasticsearch.client.Request("GET", "/"));
        }
        assertThat(authorizations).containsExactly(basic("first"), basic("rotated"));
    }

    private ChiefSettings.Search search(SearchEngine engine, AtomicReference<String> password) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new ChiefSettings.Search(engine, url, false, "chief", "", "chief-orders", "chief-job-status", "chief-job-history",
                "yyyy.MM", Duration.ofMinutes(5), "").withRequestAuth(SearchAuthorization.rotatingBasic("chief", password::get));
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("chief:" + password).getBytes(StandardCharsets.UTF_8));
    }
}
