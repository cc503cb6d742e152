package com.chief.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an IAM-only Amazon OpenSearch Service domain on 127.0.0.1: every request's SigV4
 * signature is recomputed with {@link SigV4Verifier}; a wrong or missing one is answered 403, a right one
 * with what OpenSearch would answer for the few calls Chief makes (health, templates, settings, bulk,
 * search, refresh, the Dashboards import). Records each request and its answer.
 */
public final class SigV4CheckingSearchServer implements AutoCloseable {

    /** One request as received: method, path and query, the answer's status, the refusal if any. */
    public record Seen(String method, String target, int status, String refusal, boolean contentSha256) {
    }

    private final HttpServer server;
    private final SigV4Verifier verifier;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public SigV4CheckingSearchServer(SigV4Verifier verifier) throws IOException {
        this.verifier = verifier;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String refusal = verifier.refusal(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders(), body);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            boolean sha = exchange.getRequestHeaders().containsKey("x-amz-content-sha256");
            if (refusal != null) {
                seen.add(new Seen(exchange.getRequestMethod(), target, 403, refusal, sha));
                answer(exchange, 403, "{\"message\":\"" + refusal.replace("\"", "'") + "\"}");
                return;
            }
            seen.add(new Seen(exchange.getRequestMethod(), target, 200, null, sha));
            answer(exchange, 200, response(uri.getRawPath(), new String(body, StandardCharsets.UTF_8)));
        }
    }

    private static String response(String path, String body) {
        if (path.endsWith("/_cluster/health")) {
            return "{\"cluster_name\":\"stand-in\",\"status\":\"green\"}";
        }
        if (path.endsWith("/_bulk")) {
            StringBuilder items = new StringBuilder();
            for (String line : body.split("\n")) {
                if (line.startsWith("{\"index\"")) {
                    String index = line.replaceAll(".*\"_index\":\"([^\"]*)\".*", "$1");
                    String id = line.replaceAll(".*\"_id\":\"([^\"]*)\".*", "$1");
                    items.append(items.isEmpty() ? "" : ",").append("{\"index\":{\"_index\":\"").append(index)
                            .append("\",\"_id\":\"").append(id).append("\",\"status\":201,\"result\":\"created\"}}");
                }
            }
            return "{\"took\":1,\"errors\":false,\"items\":[" + items + "]}";
        }
        if (path.endsWith("/_search")) {
            return "{\"took\":1,\"timed_out\":false,\"hits\":{\"total\":{\"value\":0,\"relation\":\"eq\"},\"hits\":[]}}";
        }
        if (path.endsWith("/api/saved_objects/_import")) {
            return "{\"success\":true,\"successCount\":1}";
        }
        return "{\"acknowledged\":true}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
