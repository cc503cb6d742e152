package com.chief.sink.search;

import com.chief.aws.SigV4Signer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * Builds the requests Chief sends to the search engine with the JDK's HTTP client (health check, index
 * templates, trace, dashboards import) with the configured authorization: the body is given as bytes
 * so that a signature can cover it. {@code Host} is left to the client, which sends the URL's host (and
 * its port when it is not the scheme's default), the value a signature covers.
 */
public final class SearchRequests {

    private SearchRequests() {
    }

    public static HttpRequest.Builder request(SearchAuthorization authorization, String method, URI uri, String contentType,
            byte[] body, Duration timeout) {
        URI target = SigV4Signer.withoutDefaultPort(uri);
        byte[] payload = body == null ? new byte[0] : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .method(method, payload.length == 0 && !method.equals("POST") && !method.equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (Map.Entry<String, String> header : authorization.headers(method, target, payload).entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host")) { // restricted in java.net.http: it sends the URL's own
                request.header(header.getKey(), header.getValue());
            }
        }
        return request;
    }
}
