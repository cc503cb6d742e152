package com.chief.sink.search;

import com.chief.config.ChiefSettings;
import com.chief.support.ElasticsearchServer;
import com.chief.support.TestSettings;
import java.nio.file.Path;
import java.util.Map;

/** camel-elasticsearch against a real Elasticsearch 9.5 with security on, logging in as Chief's user. */
class ElasticsearchIndexWriterIT extends SearchIndexWriterContract {

    private ElasticsearchServer server;

    @Override
    ChiefSettings.Search startEngine(Path dir) throws Exception {
        server = ElasticsearchServer.start(Path.of("target/elasticsearch-run").toAbsolutePath());
        return TestSettings.local(dir, Map.of(
                "chief.search.engine", "elasticsearch",
                "chief.search.url", server.url().toString(),
                "chief.search.user", ElasticsearchServer.USER,
                "chief.search.password", ElasticsearchServer.PASSWORD)).search();
    }

    @Override
    void stopEngine() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
