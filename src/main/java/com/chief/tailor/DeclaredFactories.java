package com.chief.tailor;

import com.chief.model.Factories;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.RouteTemplateContext;

/**
 * The factories declared in {@code routes/factories.camel.yaml}: the {@code robo-factory} template notes each
 * route made from it (at start and at every live save of the file), so a factory added, or given more robots,
 * counts at once. Until the next start, a factory taken out or given fewer robots keeps what it had: its robots'
 * results for jobs they finished before still count.
 */
public final class DeclaredFactories implements Factories {

    /** Its name in Camel's registry, where the template finds it. */
    public static final String BEAN = "declaredFactories";

    private final Map<String, Factory> byId = new ConcurrentHashMap<>();

    /** The robo-factory template's hook: a route is being made from it; noted if Chief's registry holds the bean. */
    static void note(RouteTemplateContext route) {
        DeclaredFactories factories = route.getCamelContext().getRegistry().lookupByNameAndType(BEAN, DeclaredFactories.class);
        if (factories == null) {
            return; // a test that runs the template alone has none
        }
        String id = parameter(route, "factoryId");
        String robots = parameter(route, "robots");
        try {
            factories.declared(id, Integer.parseInt(robots));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("robo-factory " + id + ": robots must be a whole number, got '" + robots + "'");
        }
    }

    /** A parameter as the route sees it: placeholders ({@code {{env:WEST_ROBOTS:6}}}) resolved. */
    private static String parameter(RouteTemplateContext route, String name) {
        Object value = route.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("robo-factory needs the parameter " + name);
        }
        return route.getCamelContext().resolvePropertyPlaceholders(value.toString()).strip();
    }

    void declared(String id, int robots) {
        byId.merge(key(id), new Factory(id, robots), (known, now) -> now.robots() >= known.robots() ? now : known);
    }

    @Override
    public Optional<Factory> find(String id) {
        return Optional.ofNullable(byId.get(key(id)));
    }

    @Override
    public List<String> ids() {
        return byId.values().stream().map(Factory::id).sorted().toList();
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
