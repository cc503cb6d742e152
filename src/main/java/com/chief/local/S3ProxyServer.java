package com.chief.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3Proxy in-process on a filesystem blob store: object {@code <data>/s3/<bucket>/<key>} is a plain file. */
public final class S3ProxyServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);

    private final Path baseDir;
    private final int port;
    private S3Proxy proxy;

    public S3ProxyServer(Path dataDir, int port) {
        this.baseDir = dataDir.resolve("s3");
        this.port = port;
    }

    public void start() {
        PortCheck.requireFree(port, "S3 server (chief.local.s3-port)");
        try {
            Files.createDirectories(baseDir);
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
