package com.chief.tailor;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.ReferenceData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
 * template) against the reference data's zones: each zone's orders reach the factory the reference data
 * names for it. Camel's test kit: the factories' workshop call is advised into a mock, and the test waits
 * for the factory routes to finish their exchanges.
 */
class ShippedFactoriesTest extends CamelTestSupport {

    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("reference-data.yaml"));

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true); // advised before the context starts
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new OrderFactoryRoutes();
    }

    @Test
    void eachZonesOrdersReachTheFactoryTheReferenceDataNames() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:routes/factories.camel.yaml"));
        // every call of the workshop's beans (orderBatches) becomes the mock: only the factories' is reached here
        for (String route : context.getRouteDefinitions().stream().map(RouteDefinition::getRouteId).toList()) {
            AdviceWith.adviceWith(context, route, advice -> advice.weaveByType(BeanDefinition.class).replace().to("mock:workshop"));
        }
        context.start();

        Map<String, ReferenceData.Zone> zones = REFERENCE.zones();
        MockEndpoint workshop = getMockEndpoint("mock:workshop");
        workshop.expectedMessageCount(zones.size());
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("factory-*").whenDone(zones.size()).create();
        zones.keySet().forEach(zone -> template.sendBody("direct:factory-" + zone, zone));

        assertThat(done.matches(10, TimeUnit.SECONDS)).as("every zone has a factory route").isTrue();
        workshop.assertIsSatisfied();
        Map<String, String> factoryOfZone = new HashMap<>();
        workshop.getReceivedExchanges().forEach(exchange -> {
            factoryOfZone.put(exchange.getMessage().getBody(String.class), exchange.getProperty(OrderBatches.FACTORY, String.class));
            assertThat(exchange.getProperty(OrderBatches.ROBOTS, String.class)).as("robots").matches("\\d+");
        });
        zones.forEach((zone, expected) -> assertThat(factoryOfZone).as(zone).containsEntry(zone, expected.factory()));
    }
}
