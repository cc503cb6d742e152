package com.chief.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AWS Secrets Manager's GetSecretValue on 127.0.0.1, as the SDK speaks it (JSON 1.1 over POST,
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}): answers from a map the test changes to rotate
 * a secret, and counts the reads. An unknown ARN gets ResourceNotFoundException.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger versions = new AtomicInteger();

    public SecretsManagerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void put(String arn, String value) {
        secrets.put(arn, value);
    }

    public int reads() {
        return reads.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || !"secretsmanager.GetSecretValue".equals(target)) {
                answer(exchange, 400, error("UnknownOperationException", "not GetSecretValue: " + target));
                return;
            }
            JsonNode request = JSON.readTree(body);
            String arn = request.path("SecretId").asText();
            reads.incrementAndGet();
            String value = secrets.get(arn);
            if (value == null) {
                answer(exchange, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
                return;
            }
            ObjectNode response = JSON.createObjectNode();
            response.put("ARN", arn).put("Name", arn.substring(arn.lastIndexOf(':') + 1)).put("SecretString", value)
                    .put("VersionId", "v" + versions.incrementAndGet()).putArray("VersionStages").add("AWSCURRENT");
            response.put("CreatedDate", 1.7e9);
            answer(exchange, 200, JSON.writeValueAsString(response));
        }
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
