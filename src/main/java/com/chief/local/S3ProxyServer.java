package com.chief.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3Proxy in-process on a filesystem blob store: object {@code <data>/s3/<bucket>/<key>} is a plain file. */
public final class S3ProxyServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);
    /** S3Proxy's file for a put under way: the key, a dash and a random UUID. */
    private static final Pattern UNFINISHED_PUT = Pattern.compile(
            ".+-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final Path baseDir;
    private final int port;
    private S3Proxy proxy;

    /** Whether a name (a file, or the key S3Proxy lists it under) is that of a put under way. */
    public static boolean isUnfinishedPut(String name) {
        return UNFINISHED_PUT.matcher(name).matches();
    }

    public S3ProxyServer(Path dataDir, int port) {
        this.baseDir = dataDir.resolve("s3");
        this.port = port;
    }

    public void start() {
        PortCheck.requireFree(port, "S3 server (chief.local.s3-port)");
        try {
            Files.createDirectories(baseDir);
            setAsideUnfinishedPuts(baseDir, baseDir.resolveSibling("s3-unfinished"),
                    ProcessHandle.current().info().startInstant().orElseGet(Instant::now));
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
            proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem", properties))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4,
                            LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)
                    .build();
            proxy.start();
        } catch (Exception e) {
            throw new LocalStackException("Cannot start the local S3 server on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        LOG.info("S3 server on http://127.0.0.1:{}, objects in {}", port, baseDir);
    }

    /**
     * S3Proxy writes an object to {@code <key>-<UUID>} beside its key, then renames it: a process killed in between
     * leaves that file, which S3Proxy lists as an object of its own (an archive object's records twice over). Such
     * files last written before this process started belong to no put under way: they are moved to {@code aside}
     * (kept, not deleted: a key of someone else's that happens to end so is not lost).
     */
    private static void setAsideUnfinishedPuts(Path baseDir, Path aside, Instant startedAt) throws IOException {
        List<Path> unfinished;
        try (Stream<Path> files = Files.walk(baseDir)) {
            unfinished = files.filter(Files::isRegularFile)
                    .filter(file -> isUnfinishedPut(file.getFileName().toString()))
                    .filter(file -> lastWritten(file).isBefore(startedAt))
                    .toList();
        }
        for (Path file : unfinished) {
            Path target = aside.resolve(baseDir.relativize(file));
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Moved {} aside to {}: the local S3 server was stopped while writing it", baseDir.relativize(file), target);
        }
    }

    private static Instant lastWritten(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.MAX; // gone meanwhile: nothing to move
        }
    }

    @Override
    public void close() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the local S3 server failed: {}", e.getMessage());
        }
        proxy = null;
    }

}
