package com.chief.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Prepares the YAML overlay folder before Camel scans it: creates it (Camel fails on a missing
 * folder) and puts in a copy of each shipped overlay it lacks, so the factories are always
 * declared and an operator always has a file to edit.
 */
public final class RoutesDirectory extends MainListenerSupport {

    static final List<String> SHIPPED = List.of("factories.camel.yaml");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        Path dir = Path.of(main.getCamelContext().getPropertiesComponent().resolveProperty("chief.routes.dir").orElse("routes"));
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
}
