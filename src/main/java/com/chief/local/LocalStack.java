package com.chief.local;

import com.chief.config.ChiefSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack of the {@code local} profile: only the parts whose endpoint is not configured,
 * started side by side before the routes, stopped (newest first) with the Camel context, which Camel
 * Main stops on SIGTERM and Ctrl-C. The Kinesis emulator also exits by itself if this JVM dies.
 */
public final class LocalStack extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final ChiefSettings settings;
    private final Deque<EmbeddedServer> running = new ArrayDeque<>();

    public LocalStack(ChiefSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void doStart() {
        ChiefSettings.LocalStackSettings local = settings.localStack();
        List<EmbeddedServer> parts = new ArrayList<>();
        if (settings.kinesis().embedded()) {
            parts.add(new KinesisEmulator(local.nodeCommand(), settings.dataDir(), local.kinesisPort(),
                    local.kinesisTlsPort(), local.stsPort()));
        }
        if (settings.engine().dynamoDbEmbedded()) {
            parts.add(new DynaliteServer(local.nodeCommand(), settings.dataDir(), settings.engine().localDynamoDbPort()));
        }
        if (settings.database().embedded()) {
            parts.add(new EmbeddedMariaDb(settings.dataDir(), local.dbPort()));
        }
        if (settings.s3().embedded()) {
            parts.add(new S3ProxyServer(settings.dataDir(), local.s3Port()));
        }
        if (settings.search().embedded()) {
            parts.add(new OpenSearchServer(settings.dataDir(), local.searchPort(), local.searchTransportPort()));
        }
        if (parts.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<CompletableFuture<Void>> starts = parts.stream()
                .map(part -> CompletableFuture.runAsync(() -> startPart(part)))
                .toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            closeAll();
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        LOG.info("Local stack up in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private void startPart(EmbeddedServer part) {
        part.start();
        synchronized (running) {
            running.push(part);
        }
    }

    @Override
    protected void doStop() {
        closeAll();
    }

    private void closeAll() {
        synchronized (running) {
            while (!running.isEmpty()) {
                EmbeddedServer part = running.pop();
                try {
                    part.close();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }
}
