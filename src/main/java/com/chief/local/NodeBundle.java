package com.chief.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A node.js package tree bundled in the jar at build time (fetched from npm by the build), unpacked
 * into the data directory at start so the embedded servers run offline, with the preload every one
 * of them runs under ({@code loopback-only.js}: loopback only, no orphans).
 */
final class NodeBundle {

    static final String PRELOAD = "loopback-only.js";
    private static final String PRELOAD_RESOURCE = "chief/node/" + PRELOAD;

    private NodeBundle() {
    }

    /** Copies the resource folder {@code bundle} and the preload into {@code bin}; {@code entry} must be in the bundle. */
    static void unpack(String bundle, String entry, Path bin) throws IOException {
        BundledTree.unpack(bundle, entry, bin);
        try (InputStream in = NodeBundle.class.getClassLoader().getResourceAsStream(PRELOAD_RESOURCE)) {
            Files.copy(in, bin.resolve(PRELOAD), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
