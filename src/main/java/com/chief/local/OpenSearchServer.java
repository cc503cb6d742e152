package com.chief.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real single-node OpenSearch 2.19 in-process (codelibs runner), data under {@code <data>/search}. */
public final class OpenSearchServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchServer.class);

    /**
     * The runner's default modules without reindex: that module needs the 2.x REST client, and
     * camel-opensearch brings the 3.x one under the same class names. Chief never reindexes.
     */
    private static final List<String> MODULES = List.of(
            "org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin",
            "org.opensearch.analysis.common.CommonAnalysisPlugin",
            "org.opensearch.geo.GeoModulePlugin",
            "org.opensearch.ingest.common.IngestCommonPlugin",
            "org.opensearch.ingest.useragent.IngestUserAgentPlugin",
            "org.opensearch.dashboards.OpenSearchDashboardsPlugin",
            "org.opensearch.script.expression.ExpressionPlugin",
            "org.opensearch.script.mustache.MustachePlugin",
            "org.opensearch.painless.PainlessPlugin",
            "org.opensearch.index.mapper.MapperExtrasPlugin",
            "org.opensearch.join.ParentJoinPlugin",
            "org.opensearch.percolator.PercolatorPlugin",
            "org.opensearch.index.rankeval.RankEvalPlugin",
            "org.opensearch.plugin.repository.url.URLRepositoryPlugin",
            "org.opensearch.transport.Netty4Plugin");

    private final Path baseDir;
    private final int httpPort;
    private final int transportPort;
    private OpenSearchRunner runner;

    public OpenSearchServer(Path dataDir, int httpPort, int transportPort) {
        this.baseDir = dataDir.resolve("search");
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    public void start() {
        PortCheck.requireFree(httpPort, "search server (chief.local.search-port)");
        PortCheck.requireFree(transportPort, "search server transport (chief.local.search-transport-port)");
        runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("discovery.type", "single-node");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("action.auto_create_index", "true");
        });
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(baseDir.toString())
                    .clusterName("chief-local")
                    .numOfNode(1)
                    .disableESLogger()
                    .useLogger()
                    .moduleTypes(String.join(",", MODULES)));
            runner.ensureYellow();
        } catch (RuntimeException e) {
            close();
            throw new LocalStackException("Cannot start the local OpenSearch on 127.0.0.1:" + httpPort + ": "
                    + e.getMessage(), e);
        }
        LOG.info("OpenSearch on http://127.0.0.1:{}, data in {}", httpPort, baseDir);
    }

    @Override
    public void close() {
        if (runner == null) {
            return;
        }
        try {
            runner.close();
        } catch (IOException e) {
            LOG.warn("Stopping the local OpenSearch failed: {}", e.getMessage());
        }
        runner = null;
    }
}
