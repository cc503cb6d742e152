package com.chief.config;

import com.chief.aws.SigV4Signer;
import com.chief.aws.SigningExecInterceptor;
import com.chief.sink.search.SearchAuthorization;
import java.net.URI;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;

/**
 * The low-level REST client of the configured engine, bound as {@code searchClient}: camel-opensearch
 * and camel-elasticsearch each take their own client class from the registry.
 */
public final class SearchClients {

    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int RESPONSE_TIMEOUT_MS = 30_000;

    private SearchClients() {
    }

    public static AutoCloseable create(ChiefSettings.Search search) {
        return switch (search.engine()) {
            case OPENSEARCH -> opensearch(search);
            case ELASTICSEARCH -> elasticsearch(search);
        };
    }

    public static org.opensearch.client.RestClient opensearch(ChiefSettings.Search search) {
        URI url = search.url();
        var builder = org.opensearch.client.RestClient.builder(new HttpHost(url.getScheme(), url.getHost(), port(url)))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(Timeout.ofMilliseconds(CONNECT_TIMEOUT_MS))
                        .setResponseTimeout(Timeout.ofMilliseconds(RESPONSE_TIMEOUT_MS)));
        SearchAuthorization auth = search.requestAuth();
        if (auth.signsBody()) {
            // a signature covers each request's method, path and body: signed as the client sends it
            builder.setHttpClientConfigCallback(client -> client.addExecInterceptorLast(SigningExecInterceptor.NAME,
                    new SigningExecInterceptor(auth)));
        } else if (auth.perRequest()) {
            // a login whose password may be rotated: its header at each request, the body left alone
            builder.setHttpClientConfigCallback(client -> client.addRequestInterceptorLast((request, entity, context) ->
                    setHeaders(auth, request.getMethod(), url, request::setHeader)));
        } else {
            search.authorization().ifPresent(value -> builder.setDefaultHeaders(
                    new org.apache.hc.core5.http.Header[] {new BasicHeader("Authorization", value)}));
        }
        return builder.build();
    }

    public static org.elasticsearch.client.RestClient elasticsearch(ChiefSettings.Search search) {
        URI url = search.url();
        var builder = org.elasticsearch.client.RestClient.builder(
                        new org.apache.http.HttpHost(url.getHost(), port(url), url.getScheme()))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(CONNECT_TIMEOUT_MS)
                        .setSocketTimeout(RESPONSE_TIMEOUT_MS));
        if (search.requestAuth().perRequest()) {
            // a login whose password may be rotated (sigv4 is refused for this engine): its header at each request
            builder.setHttpClientConfigCallback(client -> client.addInterceptorLast(
                    (org.apache.http.HttpRequestInterceptor) (request, context) -> setHeaders(search.requestAuth(),
                            request.getRequestLine().getMethod(), url, request::setHeader)));
        } else {
            search.authorization().ifPresent(value -> builder.setDefaultHeaders(
                    new org.apache.http.Header[] {new org.apache.http.message.BasicHeader("Authorization", value)}));
        }
        return builder.build();
    }

    /**
     * SigV4 for Amazon OpenSearch Service ({@code es}) or OpenSearch Serverless ({@code aoss}), with the
     * default AWS credentials chain (the instance or task role).
     */
    public static SearchAuthorization sigV4(String region, String service) {
        return sigV4(new SigV4Signer(AwsClients.defaultCredentials(), region, service));
    }

    public static SearchAuthorization sigV4(SigV4Signer signer) {
        return new SearchAuthorization() {
            @Override
            public Map<String, String> headers(String method, URI uri, byte[] body) {
                return signer.sign(method, uri, body);
            }

            @Override
            public boolean signsBody() {
                return true;
            }

            @Override
            public String toString() {
                return signer.toString();
            }
        };
    }

    /** A login's headers for a request whose body it does not sign; the client sets Host itself. */
    private static void setHeaders(SearchAuthorization auth, String method, URI url, BiConsumer<String, String> set) {
        auth.headers(method, url, new byte[0]).forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                set.accept(name, value);
            }
        });
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
    }
}
