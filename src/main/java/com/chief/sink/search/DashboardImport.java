package com.chief.sink.search;

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
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * {@code import-dashboards <dashboards-url> [file.ndjson]}: imports Chief's saved objects (index
 * patterns, visualizations, the "Chief operations" dashboard) into OpenSearch Dashboards or Kibana
 * through their saved-objects import API, overwriting earlier copies. Without a file, the jar's
 * {@code dashboards/chief-dashboards.ndjson}. A login comes from CHIEF_DASHBOARDS_USER and
 * CHIEF_DASHBOARDS_PASSWORD.
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
        HttpResponse<String> response = send(URI.create(args.get(0)), objects, System.getenv("CHIEF_DASHBOARDS_USER"),
                System.getenv("CHIEF_DASHBOARDS_PASSWORD"));
        System.out.println("HTTP " + response.statusCode() + ": " + response.body());
        return response.statusCode() == 200 && response.body().contains("\"success\":true") ? 0 : 1;
    }

    /** Posts the saved objects as the multipart form both Dashboards and Kibana expect. */
    static HttpResponse<String> send(URI dashboards, byte[] objects, String user, String password)
            throws IOException, InterruptedException {
        String boundary = "chief-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chief.ndjson\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboards.resolve("/api/saved_objects/_import?overwrite=true"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("osd-xsrf", "true") // OpenSearch Dashboards
                .header("kbn-xsrf", "true") // Kibana
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, objects, tail)));
        if (user != null && password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
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
