package com.chief.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved factories file, as an operator edits it, against the shipped file's routes. */
class TemplatedRoutesReloadTest {

    @TempDir
    Path dir;

    private Path file;
    private CamelContext camel;
    private TemplatedRoutesReload reload;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("factories.camel.yaml");
        Files.copy(Path.of("routes/factories.camel.yaml"), file);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() { // the robo-factory template's parameters, without the workshop behind it
                routeTemplate("robo-factory")
                        .templateParameter("factoryId")
                        .templateParameter("zone")
                        .templateParameter("robots", "6")
                        .from("direct:factory-{{zone}}")
                        .setHeader("robots", constant("{{robots}}"));
            }
        });
        camel.start();
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + file));
        reload = new TemplatedRoutesReload(camel);
        reload.remember(file);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aChangedRobotCountReplacesThatFactoryOnlyAndARemovedOrAddedFactoryFollows() throws Exception {
        assertThat(robots("factory-west")).isEqualTo("6");
        Route east = camel.getRoute("factory-east");
        String text = Files.readString(file);
        String west = text.substring(text.indexOf("- templatedRoute:"), text.indexOf("- templatedRoute:", text.indexOf("factory-west")));
        String south = text.substring(text.indexOf("- templatedRoute:", text.indexOf("factory-central")),
                text.indexOf("- templatedRoute:", text.indexOf("factory-south")));
        save(text.replace(west, west.replace("\"6\"", "\"9\"")).replace(south, "")
                + south.replace("factory-south", "factory-gulf").replace("factory3", "factory5").replace("south", "gulf"));

        assertThat(robots("factory-west")).isEqualTo("9");
        assertThat(camel.getRouteController().getRouteStatus("factory-west")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRoute("factory-east")).as("an unchanged factory keeps running untouched").isSameAs(east);
        assertThat(camel.getRoute("factory-south")).as("taken out of the file").isNull();
        assertThat(camel.getRouteController().getRouteStatus("factory-gulf")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRoute("factory-gulf").getEndpoint().getEndpointUri()).isEqualTo("direct://factory-gulf");
    }

    @Test
    void theWatcherMayNameTheFileRelativelyAndOnlyTheChangedFactoryIsReplaced() throws Exception {
        Route east = camel.getRoute("factory-east");
        Files.writeString(file, Files.readString(file).replaceFirst("\"6\"", "\"7\""));
        Path relative = Path.of("").toAbsolutePath().relativize(file); // as a relative routes-reload-directory gives it
        reload.reload(ResourceHelper.resolveResource(camel, "file:" + relative));
        assertThat(robots("factory-west")).isEqualTo("7");
        assertThat(camel.getRoute("factory-east")).as("an unchanged factory keeps running untouched").isSameAs(east);
    }

    @Test
    void aFileThatDoesNotParseChangesNothing() throws Exception {
        Route west = camel.getRoute("factory-west");
        save("- templatedRoute:\n    routeTemplateRef: robo-factory\n   routeId: [broken\n");
        assertThat(camel.getRoute("factory-west")).isSameAs(west);
        assertThat(camel.getRoutes()).hasSize(4);
    }

    @Test
    void aSaveSeenHalfWrittenOrEmptyChangesNothingAndTheFinishedSaveApplies() throws Exception {
        Route east = camel.getRoute("factory-east");
        String text = Files.readString(file);
        save(""); // an editor truncating the file before writing it
        assertThat(camel.getRoutes()).as("an emptied file removes nothing").hasSize(4);

        // a save caught mid-way: the watcher's reload reads it while the rest is still being written
        String finished = text.replaceFirst("\"6\"", "\"7\"");
        Files.writeString(file, finished.substring(0, finished.indexOf("factory-central")));
        var writing = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            writing.schedule(() -> Files.writeString(file, finished), 100, java.util.concurrent.TimeUnit.MILLISECONDS);
            reload.reload(ResourceHelper.resolveResource(camel, "file:" + file));
            assertThat(camel.getRoute("factory-south")).as("not removed by the half-written file").isNotNull();
        } finally {
            writing.shutdown();
            assertThat(writing.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        reload.reload(ResourceHelper.resolveResource(camel, "file:" + file)); // the watcher's event for the last write
        assertThat(robots("factory-west")).isEqualTo("7");
        assertThat(camel.getRoutes()).hasSize(4);
        assertThat(camel.getRoute("factory-east")).as("an unchanged factory keeps running untouched").isSameAs(east);
    }

    @Test
    void aRouteTheNewFileCannotBuildRunsAsBefore() throws Exception {
        String text = Files.readString(file);
        int west = text.indexOf("factory-west");
        save(text.substring(0, west).replace("routeTemplateRef: robo-factory", "routeTemplateRef: no-such-template")
                + text.substring(west).replaceFirst("\"6\"", "\"7\""));
        assertThat(robots("factory-west")).as("put back as it was").isEqualTo("6");
        assertThat(camel.getRouteController().getRouteStatus("factory-west")).isEqualTo(ServiceStatus.Started);

        save(text.replaceFirst("\"6\"", "\"8\"")); // the next good save applies
        assertThat(robots("factory-west")).isEqualTo("8");
    }

    private void save(String yaml) throws Exception {
        Files.writeString(file, yaml);
        reload.reload(ResourceHelper.resolveResource(camel, "file:" + file));
    }

    private String robots(String routeId) {
        return String.valueOf(((ModelCamelContext) camel).getRouteDefinition(routeId).getTemplateParameters().get("robots"));
    }
}
