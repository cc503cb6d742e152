package com.chief.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/** Creates the YAML overlay folder before Camel scans it (Camel fails on a missing folder). */
public final class RoutesDirectory extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        String dir = main.getCamelContext().getPropertiesComponent().resolveProperty("chief.routes.dir").orElse("routes");
        try {
            Files.createDirectories(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the routes folder " + Path.of(dir).toAbsolutePath(), e);
        }
    }
}
