package com.chief.sink.search;

import com.chief.config.SearchClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@code import-dashboards <dashboards-url> [file.ndjson]}: imports Chief's saved objects (index
 * patterns, visualizations, the "Chief operations" dashboard) into OpenSearch Dashboards or Kibana
 * through their saved-objects import API, overwriting earlier copies. Without a file, the jar's
 * {@code dashboards/chief-dashboards.ndjson}. A login comes from CHIEF_DASHBOARDS_USER and
 * CHIEF_DASHBOARDS_PASSWORD; with CHIEF_DASHBOARDS_AUTH=sigv4 the request is signed instead with the
 * default AWS credentials for Amazon OpenSearch Service ({@code es}) in CHIEF_AWS_REGION (or AWS_REGION),
 * for a domain whose Dashboards take IAM only ({@code https://<domain endpoint>/_dashboards}).
 */
public final class DashboardImport {

    static final String RESOURCE = "dashboards/chief-dashboards.ndjson";

    private DashboardImport() {
    }

    public static int run(List<String> args) throws Exception {
        if (args.isEmpty() || args.size() > 2) {
            System.err.println("usage: java -jar chief.jar import-dashboards <dashboards-url> [file.ndjson]");
            return 2;
        }
        byte[] objects = args.size() == 2 ? Files.readAllBytes(Path.of(args.get(1))) : bundled();
        HttpResponse<String> response = send(URI.create(args.get(0)), objects, authorization(System::getenv));
        System.out.println("HTTP " + response.statusCode() + ": " + response.body());
        return response.statusCode() == 200 && response.body().contains("\"success\":true") ? 0 : 1;
    }

    /** From the environment: sigv4 when CHIEF_DASHBOARDS_AUTH says so, else basic auth when a login is set. */
    static SearchAuthorization authorization(java.util.function.UnaryOperator<String> environment) {
        String auth = environment.apply("CHIEF_DASHBOARDS_AUTH");
        if ("sigv4".equals(auth)) {
            String region = java.util.Optional.ofNullable(environment.apply("CHIEF_AWS_REGION"))
                    .orElseGet(() -> environment.apply("AWS_REGION"));
            if (region == null || region.isBlank()) {
                throw new IllegalStateException("CHIEF_DASHBOARDS_AUTH=sigv4 needs CHIEF_AWS_REGION (or AWS_REGION)");
            }
            return SearchClients.sigV4(region, "es");
        }
        if (auth != null && !auth.isBlank() && !auth.equals("basic")) {
            throw new IllegalStateException("CHIEF_DASHBOARDS_AUTH must be basic or sigv4, got '" + auth + "'");
        }
        return SearchAuthorization.basic(environment.apply("CHIEF_DASHBOARDS_USER"), environment.apply("CHIEF_DASHBOARDS_PASSWORD"));
    }

    static HttpResponse<String> send(URI dashboards, byte[] objects, String user, String password)
            throws IOException, InterruptedException {
        return send(dashboards, objects, SearchAuthorization.basic(user, password));
    }

    /**
     * Posts the saved objects as the multipart form both Dashboards and Kibana expect, below the URL's own
     * path ({@code /_dashboards} on Amazon OpenSearch Service).
     */
    static HttpResponse<String> send(URI dashboards, byte[] objects, SearchAuthorization authorization)
            throws IOException, InterruptedException {
        String boundary = "chief-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chief.ndjson\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(objects);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String base = dashboards.toString().endsWith("/") ? dashboards.toString() : dashboards + "/";
        HttpRequest.Builder request = SearchRequests.request(authorization, "POST",
                        URI.create(base).resolve("api/saved_objects/_import?overwrite=true"),
                        "multipart/form-data; boundary=" + boundary, body.toByteArray(), Duration.ofSeconds(60))
                .header("osd-xsrf", "true") // OpenSearch Dashboards
                .header("kbn-xsrf", "true"); // Kibana
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] bundled() throws IOException {
        try (InputStream in = DashboardImport.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("Missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        }
    }
}
