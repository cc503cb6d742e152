package com.chief.config;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.RestClient;

/** The low-level REST client of the search engine, for camel-opensearch. */
public final class SearchClients {

    private SearchClients() {
    }

    public static RestClient rest(ChiefSettings settings) {
        var url = settings.search().url();
        int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        return RestClient.builder(new HttpHost(url.getScheme(), url.getHost(), port))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(3))
                        .setResponseTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(30)))
                .build();
    }
}
