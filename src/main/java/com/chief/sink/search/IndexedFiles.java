package com.chief.sink.search;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The operations files already in search, by the file consumer's key ({@code <file name>-<modified>}):
 * held in memory and appended to a file, one key per line, a key taken back (its indexing failed) as
 * {@code /key} (a file name holds no slash). Camel's {@code FileIdempotentRepository} reads its whole file
 * for every new key, so indexing n files cost n² (a quarter of Chief's CPU with SLA breach notices at
 * 100,000 orders). At start the file is rewritten with the keys whose file is still in one of
 * {@code folders}: what retention purged is forgotten, so memory follows the folders.
 */
public final class IndexedFiles extends ServiceSupport implements IdempotentRepository {

    private static final String TAKEN_BACK = "/";

    private final Path store;
    private final List<Path> folders;
    private final Set<String> keys = new LinkedHashSet<>();
    private BufferedWriter appender;

    public IndexedFiles(Path store, List<Path> folders) {
        this.store = store;
        this.folders = folders;
    }

    @Override
    protected synchronized void doStart() throws IOException {
        keys.clear();
        if (Files.exists(store)) {
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (line.startsWith(TAKEN_BACK)) {
                    keys.remove(line.substring(TAKEN_BACK.length()));
                } else if (!line.isEmpty()) {
                    keys.add(line);
                }
            }
            keys.removeIf(key -> !stillThere(key));
        }
        Files.createDirectories(store.toAbsolutePath().getParent());
        Path compacted = store.resolveSibling(store.getFileName() + ".part");
        Files.write(compacted, keys, StandardCharsets.UTF_8);
        Files.move(compacted, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        appender = Files.newBufferedWriter(store, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    protected synchronized void doStop() throws IOException {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }

    /** Whether the key's file (the key without its {@code -<modified>}) is in one of the folders. */
    private boolean stillThere(String key) {
        int dash = key.lastIndexOf('-');
        String name = dash < 0 ? key : key.substring(0, dash);
        return folders.stream().anyMatch(folder -> Files.exists(folder.resolve(name)));
    }

    @Override
    public synchronized boolean add(String key) {
        if (!keys.add(key)) {
            return false;
        }
        append(key);
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        return keys.contains(key);
    }

    @Override
    public synchronized boolean remove(String key) {
        if (!keys.remove(key)) {
            return false;
        }
        append(TAKEN_BACK + key);
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public synchronized void clear() {
        keys.forEach(key -> append(TAKEN_BACK + key));
        keys.clear();
    }

    private void append(String line) {
        try {
            appender.write(line);
            appender.newLine();
            appender.flush(); // a crash forgets at most the line being written: that file is indexed again, no harm
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
