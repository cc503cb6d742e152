package com.chief.local;

import java.io.IOException;
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
 * A folder of files bundled on the classpath (in Chief's jar, or in a dependency's jar during a build)
 * copied out to disk, so the embedded servers can run it: the node.js packages, the MariaDB server.
 */
final class BundledTree {

    /** In the target: where its files were copied from, written once the copy is complete. */
    private static final String UNPACKED_FROM = ".unpacked-from";

    private BundledTree() {
    }

    /**
     * Copies the resource folder {@code tree} into {@code target}; {@code entry} is a file inside it that
     * must be there. A tree already copied whole from the same jar is left as it is (thousands of files,
     * or hundreds of megabytes). Synchronized: the local stack starts its servers side by side, and a
     * jar opens as one file system at a time.
     */
    static synchronized void unpack(String tree, String entry, Path target) throws IOException {
        URL marker = BundledTree.class.getClassLoader().getResource(tree + "/" + entry);
        if (marker == null) {
            throw new LocalStackException("The classpath has no bundled " + tree + "/" + entry
                    + ": rebuild with 'mvn package', which fetches it");
        }
        Files.createDirectories(target);
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                Path jarFile = Path.of(((JarURLConnection) marker.openConnection()).getJarFileURL().toURI());
                String source = jarFile + " " + Files.size(jarFile) + " " + Files.getLastModifiedTime(jarFile);
                Path stamp = target.resolve(UNPACKED_FROM);
                if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)) {
                    return;
                }
                Files.deleteIfExists(stamp);
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.getPath("/" + tree), target);
                }
                Files.writeString(stamp, source);
            } else {
                Path root = Path.of(uri);
                for (int level = 0; level < Path.of(entry).getNameCount(); level++) {
                    root = root.getParent();
                }
                copyTree(root, target);
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
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
