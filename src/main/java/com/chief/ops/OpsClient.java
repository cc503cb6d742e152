package com.chief.ops;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls the operations API of a running Chief: {@code CHIEF_MANAGEMENT_URL} (default
 * {@code http://127.0.0.1:8080}), logged in with {@code CHIEF_MANAGEMENT_USER} and
 * {@code CHIEF_MANAGEMENT_PASSWORD} when set — the same variables Chief itself reads.
 */
public final class OpsClient {

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OpsClient(String baseUrl, String user, String password) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = user == null || user.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static OpsClient fromEnvironment(Map<String, String> env) {
        return new OpsClient(env.getOrDefault("CHIEF_MANAGEMENT_URL", "http://127.0.0.1:8080"),
                env.get("CHIEF_MANAGEMENT_USER"), env.getOrDefault("CHIEF_MANAGEMENT_PASSWORD", ""));
    }

    /** The answer to {@code method /ops/<path>?<query>}; query values are encoded here, nulls left out. */
    public HttpResponse<String> call(String method, String path, Map<String, String> query) throws IOException, InterruptedException {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("ops/" + path + params))
                .timeout(Duration.ofMinutes(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A path segment: an order id or application name as the API expects it. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
