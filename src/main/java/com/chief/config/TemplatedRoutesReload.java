package com.chief.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.TemplatedRouteParameterDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a saved YAML file's {@code templatedRoute} entries live (the factories), which Camel
 * 4.17's route reload skips. Per file it remembers the templated routes it declared; on a save it
 * replaces each route whose template or parameters changed, adds the new ones and removes those
 * taken out — routes left as they were keep running untouched. While a route is being replaced it
 * takes no work, which the applications that send to it treat as an outage (they wait). A file
 * that does not parse changes nothing; a route its new parameters cannot build is put back as it was.
 */
public final class TemplatedRoutesReload {

    private static final Logger LOG = LoggerFactory.getLogger(TemplatedRoutesReload.class);
    private static final long STOP_TIMEOUT_S = 10;
    /** A save written in place (editors, scripts) comes as several changes: the file is read once it is this quiet. */
    private static final long QUIET_MS = 300;

    private final CamelContext camel;
    /** By the file's absolute path: Camel's watcher names a file as its folder setting does, relative or not. */
    private final Map<Path, Map<String, TemplatedRouteDefinition>> declared = new ConcurrentHashMap<>();

    public TemplatedRoutesReload(CamelContext camel) {
        this.camel = camel;
    }

    /** Notes the templated routes of the files Camel loaded at start, so that a later save is compared with them. */
    public void remember(Path file) throws Exception {
        Resource resource = ResourceHelper.resolveResource(camel, "file:" + file);
        declared.put(fileOf(resource), templatedRoutes(resource));
    }

    /** Brings the running templated routes in line with the saved file; called after each save. */
    public synchronized void reload(Resource resource) {
        Path file = fileOf(resource);
        Map<String, TemplatedRouteDefinition> before = declared.getOrDefault(file, Map.of());
        Map<String, TemplatedRouteDefinition> after = Map.of(); // a deleted file declares nothing
        try {
            if (Files.exists(file)) {
                Optional<String> settled = settled(file);
                if (settled.isEmpty()) {
                    LOG.debug("{} is still being written; applied once it is quiet", resource.getLocation());
                    return; // the watcher reports its last change too
                }
                if (settled.get().isBlank()) {
                    LOG.warn("{} is empty: not applied, the routes it declared keep running (delete the file, or take"
                            + " the routes out one by one, to remove them)", resource.getLocation());
                    return;
                }
                // the text that proved quiet, not a third read that a new save could have changed again
                after = templatedRoutes(ResourceHelper.fromString(resource.getLocation(), settled.get()));
            }
        } catch (Exception e) {
            LOG.error("{} not applied, the routes it declares keep running as they were: {}", resource.getLocation(), e.toString());
            return;
        }
        Map<String, TemplatedRouteDefinition> running = new LinkedHashMap<>(before);
        for (String id : before.keySet()) {
            if (!after.containsKey(id)) {
                remove(id);
                running.remove(id);
                LOG.info("Route {} removed: no longer in {}", id, resource.getLocation());
            }
        }
        after.forEach((id, definition) -> {
            TemplatedRouteDefinition previous = before.get(id);
            if (previous != null && signature(previous).equals(signature(definition)) && camel.getRoute(id) != null) {
                return;
            }
            try {
                replace(id, definition);
                running.put(id, definition);
                LOG.info("Route {} {} from {}: {}", id, previous == null ? "added" : "reloaded", resource.getLocation(), signature(definition));
            } catch (Exception e) {
                LOG.error("Route {} from {} not applied ({}); {}", id, resource.getLocation(), e.getMessage(),
                        previous == null ? "it is not added" : "it runs as before");
                restore(id, previous);
            }
        });
        declared.put(file, running);
    }

    private static Path fileOf(Resource resource) {
        String location = resource.getLocation();
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location).toAbsolutePath().normalize();
    }

    /** The file's text if it stayed the same for {@link #QUIET_MS}; empty while it is still changing or gone. */
    static Optional<String> settled(Path file) throws IOException, InterruptedException {
        String first = Files.readString(file);
        Thread.sleep(QUIET_MS);
        return Files.exists(file) && Files.readString(file).equals(first) ? Optional.of(first) : Optional.empty();
    }

    private void replace(String id, TemplatedRouteDefinition definition) throws Exception {
        remove(id);
        camel.getCamelContextExtension().getContextPlugin(Model.class).addRouteFromTemplatedRoute(definition);
    }

    private void restore(String id, TemplatedRouteDefinition previous) {
        if (previous == null) {
            return;
        }
        try {
            replace(id, previous);
        } catch (Exception e) {
            LOG.error("Route {} could not be put back as it was: {}", id, e.toString());
        }
    }

    private void remove(String id) {
        try {
            if (camel.getRoute(id) != null) {
                camel.getRouteController().stopRoute(id, STOP_TIMEOUT_S, TimeUnit.SECONDS);
                camel.removeRoute(id);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot remove route " + id + ": " + e.getMessage(), e);
        }
    }

    /** The file's templated routes by id; one without an id cannot be tracked and is left to Camel. */
    private Map<String, TemplatedRouteDefinition> templatedRoutes(Resource resource) throws Exception {
        Map<String, TemplatedRouteDefinition> routes = new LinkedHashMap<>();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
            if (builder instanceof RouteBuilder yaml) {
                yaml.configureRoutes(camel);
                for (TemplatedRouteDefinition route : yaml.getTemplatedRouteCollection().getTemplatedRoutes()) {
                    if (route.getRouteId() == null) {
                        LOG.warn("A templatedRoute of {} has no routeId: a save of the file cannot update it", resource.getLocation());
                    } else {
                        routes.put(route.getRouteId(), route);
                    }
                }
            }
        }
        return routes;
    }

    private static String signature(TemplatedRouteDefinition route) {
        Map<String, String> parameters = new TreeMap<>();
        for (TemplatedRouteParameterDefinition parameter : route.getParameters()) {
            parameters.put(parameter.getName(), parameter.getValue());
        }
        return route.getRouteTemplateRef() + parameters;
    }
}
