package com.chief.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.tailor.OrderFactoryRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped YAML overlays ({@code routes/*.camel.yaml}) checked at build time: against the YAML
 * DSL's JSON schema (what camel-yaml-dsl-validator-maven-plugin does; that plugin is not in our
 * Maven registry for 4.17), and loaded by Camel's YAML loader next to the Java route templates
 * they instantiate.
 */
class RouteOverlaysTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = schema();

    static Stream<Path> overlays() throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("routes"))) {
            files = listed.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void matchesTheYamlDslSchema(Path overlay) throws Exception {
        assertThat(SCHEMA.validate(YAML.readTree(overlay.toFile()))).as(overlay.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void loadsIntoCamelWithTheJavaTemplates(Path overlay) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new OrderFactoryRoutes());
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + overlay));
            assertThat(camel.getRouteDefinitions()).isNotEmpty();
        }
    }

    @Test
    void aYamlRouteCanUseTheCatalogsKameletsAndChiefsOwn() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getComponent("kamelet", org.apache.camel.component.kamelet.KameletComponent.class)
                    .setLocation("file:kamelets,classpath:kamelets");
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("memory.camel.yaml", """
                    - route:
                        id: catalog-kamelet
                        from:
                          uri: direct:catalog
                          steps:
                            - to: kamelet:log-sink?showHeaders=true
                    """));
            camel.start();
            assertThat(camel.createProducerTemplate().requestBody("direct:catalog", "hello", String.class)).isEqualTo("hello");
            assertThat(camel.getRoutes()).extracting(org.apache.camel.Route::getRouteId).contains("catalog-kamelet");
        }
    }

    @Test
    void aMistypedStepIsCaughtWithItsPlace() throws Exception {
        JsonNode broken = YAML.readTree("""
                - route:
                    id: vip-orders
                    from:
                      uri: file:data/inbox/vip
                      steps:
                        - filtr:
                            simple: "${body} contains 'gold'"
                """);
        Set<ValidationMessage> errors = SCHEMA.validate(broken);
        assertThat(errors).isNotEmpty();
        assertThat(errors.toString()).contains("$[0].route.from.steps[0]");
    }

    private static JsonSchema schema() {
        try (InputStream in = RouteOverlaysTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the YAML DSL schema from camel-yaml-dsl", e);
        }
    }
}
