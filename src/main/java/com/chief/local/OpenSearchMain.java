package com.chief.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * The local OpenSearch 2.19 (codelibs runner), single node on 127.0.0.1: the main class of the
 * search server's own JVM, which {@link OpenSearchServer} starts from Chief's classpath with a heap of
 * its own. Arguments: the runner's base folder, the HTTP port, the transport port. It writes its pid to
 * {@code <base>/opensearch.pid} (removed on a clean stop) and stops cleanly on SIGTERM.
 */
public final class OpenSearchMain {

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

    static final String PID_FILE = "opensearch.pid";

    private OpenSearchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = Integer.parseInt(args[2]);
        Path pidFile = base.resolve(PID_FILE);
        OpenSearchRunner runner = new OpenSearchRunner();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                System.out.println("Stopping OpenSearch failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "opensearch-stop"));
        Files.createDirectories(base);
        Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));
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
                    .basePath(base.toString())
                    .clusterName("chief-local")
                    .numOfNode(1)
                    .disableESLogger()
                    .useLogger()
                    .moduleTypes(String.join(",", MODULES)));
            runner.ensureYellow();
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("OpenSearch ready on http://127.0.0.1:" + httpPort);
        stopped.await(); // the node's threads keep running; SIGTERM ends this JVM through the hook above
    }
}
