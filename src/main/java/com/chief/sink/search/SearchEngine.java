package com.chief.sink.search;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The search engine Chief writes to ({@code chief.search.engine}): camel-opensearch for OpenSearch
 * (the local stack, Amazon OpenSearch Service) or camel-elasticsearch for Elasticsearch 9. Each
 * component wants its own client's request types, so each engine turns {@link IndexAction}s into
 * them and reads the items back.
 */
public enum SearchEngine {
    OPENSEARCH("opensearch") {
        @Override
        public SearchIndexWriter.Bulk bulk(Function<Object, List<?>> route) {
            return actions -> OpenSearchBulk.send(actions, route);
        }
    },
    ELASTICSEARCH("elasticsearch") {
        @Override
        public SearchIndexWriter.Bulk bulk(Function<Object, List<?>> route) {
            return actions -> ElasticsearchBulk.send(actions, route);
        }
    };

    private final String component;

    SearchEngine(String component) {
        this.component = component;
    }

    /** The Camel component (and URI scheme) of this engine. */
    public String component() {
        return component;
    }

    /** A bulk writer that sends its request body through {@code route} (the search-bulk route). */
    public abstract SearchIndexWriter.Bulk bulk(Function<Object, List<?>> route);

    public static SearchEngine of(String name) {
        for (SearchEngine engine : values()) {
            if (engine.component.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return engine;
            }
        }
        throw new IllegalStateException("chief.search.engine must be opensearch or elasticsearch, got '" + name + "'");
    }
}
