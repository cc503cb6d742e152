package com.chief.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A node.js package tree bundled in the jar at build time (fetched from npm by the build), unpacked
 * into the data directory at start so the embedded servers run offline, with the preload every one
 * of them runs under ({@code loopback-only.js}: loopback only, no orphans).
 */
final class NodeBundle {

    static final String PRELOAD = "loopback-only.js";
    /** In {@code bin}: the jar (path, size, time) its files were copied from, written once the copy is complete. */
    private static final String UNPACKED_FROM = ".unpacked-from";
    private static final String PRELOAD_RESOURCE = "chief/node/" + PRELOAD;

    private NodeBundle() {
    }

    /**
     * Copies the resource folder {@code bundle} (from the jar, or from target/classes in a build) and
     * the preload into {@code bin}; {@code entry} is a file inside the bundle that must be there.
     * Synchronized: the local stack starts its servers side by side, and a jar opens as one file system at a time.
     * A tree already copied whole from the same jar is left as it is (a thousand files or more: about a second).
     */
    static synchronized void unpack(String bundle, String entry, Path bin) throws IOException {
        URL marker = NodeBundle.class.getClassLoader().getResource(bundle + "/" + entry);
        if (marker == null) {
            throw new LocalStackException("The jar has no bundled " + bundle + "/" + entry
                    + ": rebuild with 'mvn package', which fetches it from npm");
        }
        Files.createDirectories(bin);
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                Path jarFile = Path.of(((JarURLConnection) marker.openConnection()).getJarFileURL().toURI());
                String source = jarFile + " " + Files.size(jarFile) + " " + Files.getLastModifiedTime(jarFile);
                Path stamp = bin.resolve(UNPACKED_FROM);
                if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)) {
                    return;
                }
                Files.deleteIfExists(stamp);
                copyPreload(bin);
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.getPath("/" + bundle), bin);
                }
                Files.writeString(stamp, source);
            } else {
                copyPreload(bin);
                Path root = Path.of(uri);
                for (int level = 0; level < Path.of(entry).getNameCount(); level++) {
                    root = root.getParent();
                }
                copyTree(root, bin);
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static void copyPreload(Path bin) throws IOException {
        try (InputStream in = NodeBundle.class.getClassLoader().getResourceAsStream(PRELOAD_RESOURCE)) {
            Files.copy(in, bin.resolve(PRELOAD), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
