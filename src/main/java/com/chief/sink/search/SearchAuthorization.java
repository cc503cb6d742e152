package com.chief.sink.search;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The headers that let a request into the search engine: none, an internal user's basic auth, or an
 * AWS SigV4 signature over the request (which needs the method, the URL and the body it signs).
 */
@FunctionalInterface
public interface SearchAuthorization {

    /** The headers to add to this request; a {@code Host} among them is the value the signature covers. */
    Map<String, String> headers(String method, URI uri, byte[] body);

    /**
     * Whether the headers are worked out for each request (a signature, or a login whose password may be
     * rotated) rather than fixed once when a client is built.
     */
    default boolean perRequest() {
        return true;
    }

    /** Whether the headers depend on the request's body (a signature): only then is each body read ahead of sending. */
    default boolean signsBody() {
        return false;
    }

    static SearchAuthorization none() {
        return fixed(Map.of());
    }

    /** Basic auth when both are set, otherwise nothing. */
    static SearchAuthorization basic(String user, String password) {
        if (user == null || password == null || user.isEmpty() || password.isEmpty()) {
            return none();
        }
        return fixed(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    /** Basic auth with the password in hand at each request (a secret that is rotated while Chief runs). */
    static SearchAuthorization rotatingBasic(String user, java.util.function.Supplier<String> password) {
        return new SearchAuthorization() {
            @Override
            public Map<String, String> headers(String method, URI uri, byte[] body) {
                return basic(user, password.get()).headers(method, uri, body);
            }

            @Override
            public String toString() {
                return "basic, password from Secrets Manager";
            }
        };
    }

    private static SearchAuthorization fixed(Map<String, String> headers) {
        return new SearchAuthorization() {
            @Override
            public Map<String, String> headers(String method, URI uri, byte[] body) {
                return headers;
            }

            @Override
            public boolean perRequest() {
                return false;
            }

            @Override
            public String toString() { // never the password
                return headers.isEmpty() ? "none" : "basic";
            }
        };
    }
}
