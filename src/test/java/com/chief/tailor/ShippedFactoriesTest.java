package com.chief.tailor;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Factories;
import com.chief.model.ReferenceData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The factories as shipped ({@code routes/factories.camel.yaml}, instances of the {@code robo-factory}
 * template) against the reference data's zones: each zone's orders reach a factory of their own, and the
 * factories the template notes as it makes their routes are the ones the file declares ({@link TestFactories}).
 * Camel's test kit: the factories' workshop call is advised into a mock, and the test waits for the factory
 * routes to finish their exchanges.
 */
class ShippedFactoriesTest extends CamelTestSupport {

    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("reference-data.yaml"));

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true); // advised before the context starts
    }

    private final DeclaredFactories declared = new DeclaredFactories();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        context.getRegistry().bind(DeclaredFactories.BEAN, declared);
        context.getRegistry().bind("orderBatches", new NoBatches());
        return new OrderFactoryRoutes();
    }

    /** Stands in for the workshop's bean where a route is made and not run (the first test advises every call away). */
    public static final class NoBatches {
        public void unseen() {
        }

        public void byZone() {
        }

        public void remember() {
        }

        public void make() {
        }
    }

    @Test
    void eachZonesOrdersReachAFactoryOfTheirOwnAndTheTemplateNotesEveryFactory() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:routes/factories.camel.yaml"));
        // every call of the workshop's beans (orderBatches) becomes the mock: only the factories' is reached here
        for (String route : context.getRouteDefinitions().stream().map(RouteDefinition::getRouteId).toList()) {
            AdviceWith.adviceWith(context, route, advice -> advice.weaveByType(BeanDefinition.class).replace().to("mock:workshop"));
        }
        context.start();

        List<String> zones = REFERENCE.zones();
        MockEndpoint workshop = getMockEndpoint("mock:workshop");
        workshop.expectedMessageCount(zones.size());
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("factory-*").whenDone(zones.size()).create();
        zones.forEach(zone -> template.sendBody("direct:factory-" + zone, zone));

        assertThat(done.matches(10, TimeUnit.SECONDS)).as("every zone has a factory route").isTrue();
        workshop.assertIsSatisfied();
        Map<String, String> factoryOfZone = new HashMap<>();
        workshop.getReceivedExchanges().forEach(exchange -> {
            factoryOfZone.put(exchange.getMessage().getBody(String.class), exchange.getProperty(OrderBatches.FACTORY, String.class));
            assertThat(exchange.getProperty(OrderBatches.ROBOTS, String.class)).as("robots").matches("\\d+");
        });
        assertThat(factoryOfZone).as("a factory per zone").containsOnlyKeys(zones);
        assertThat(Set.copyOf(factoryOfZone.values())).as("each zone's own").hasSize(zones.size());

        DeclaredFactories shipped = TestFactories.shipped();
        assertThat(declared.ids()).isEqualTo(shipped.ids());
        shipped.ids().forEach(id -> assertThat(declared.find(id)).isEqualTo(shipped.find(id)));
        assertThat(declared.find("FACTORY1")).as("any case").isEqualTo(shipped.find("factory1"));
    }

    @Test
    void aFactoryDeclaredAgainWithMoreRobotsCountsThemAndWithFewerKeepsThem() throws Exception {
        context.start();
        String west = """
                - templatedRoute:
                    routeTemplateRef: robo-factory
                    routeId: factory-west
                    parameters:
                      - name: factoryId
                        value: factory1
                      - name: zone
                        value: west
                      - name: robots
                        value: "%s"
                """;
        for (String robots : List.of("{{env:CHIEF_TEST_UNSET_WEST_ROBOTS:7}}", "5")) { // a placeholder, as the route resolves it
            context.getRouteController().stopRoute("factory-west");
            context.removeRoute("factory-west");
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("factories.camel.yaml", west.formatted(robots)));
        }
        assertThat(declared.find("factory1")).as("a robot's results for jobs it finished still count")
                .contains(new Factories.Factory("factory1", 7));
    }
}
