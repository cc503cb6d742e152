package com.chief.config;

import com.chief.settings.ChiefKeys;
import com.chief.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.support.RouteWatcherReloadStrategy;

/**
 * Prepares the YAML overlay folder before Camel scans it: creates it (Camel fails on a missing
 * folder) and puts in a copy of each shipped overlay it lacks, so the factories are always
 * declared and an operator always has a file to edit; with live reload on, makes a saved file's
 * templated routes apply too ({@link TemplatedRoutesReload}).
 */
public final class RoutesDirectory extends MainListenerSupport {

    static final List<String> SHIPPED = List.of("factories.camel.yaml");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        Path dir = dir(main);
        try {
            Files.createDirectories(dir);
            for (String name : SHIPPED) {
                Path target = dir.resolve(name);
                if (!Files.exists(target)) {
                    try (InputStream in = RoutesDirectory.class.getClassLoader().getResourceAsStream("routes/" + name)) {
                        if (in != null) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the routes folder " + dir.toAbsolutePath(), e);
        }
    }

    /** With live reload on, a saved file's templated routes (the factories) are applied too, which Camel's reload skips. */
    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        RouteWatcherReloadStrategy watcher = camel.hasService(RouteWatcherReloadStrategy.class);
        if (watcher == null) {
            return;
        }
        TemplatedRoutesReload templated = new TemplatedRoutesReload(camel);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir(main), "*.camel.yaml")) {
            for (Path file : files) {
                templated.remember(file);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the routes folder " + dir(main).toAbsolutePath() + ": " + e.getMessage(), e);
        }
        ResourceReload camelReload = watcher.getResourceReload();
        watcher.setResourceReload((name, resource) -> {
            camelReload.onReload(name, resource);
            if (name.endsWith(".yaml")) {
                templated.reload(resource);
            }
        });
    }

    private static Path dir(BaseMainSupport main) {
        return new Settings(main.getCamelContext().getPropertiesComponent()).get(ChiefKeys.ROUTES_DIR);
    }
}
