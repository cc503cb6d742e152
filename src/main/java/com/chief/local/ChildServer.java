package com.chief.local;

import com.chief.settings.SettingKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded server run as a child process (the Kinesis emulator, dynalite, MariaDB): started until its
 * ports answer, watched while Chief runs — a server that dies is logged with its exit code and log and
 * started again, so Chief's readers and producer recover instead of meeting a refused port for good —
 * and stopped with SIGTERM, killed only after a grace period.
 */
final class ChildServer {

    private static final Logger LOG = LoggerFactory.getLogger(ChildServer.class);
    private static final Duration MAX_RESTART_PAUSE = Duration.ofSeconds(30);

    private final String name;
    private final ProcessBuilder builder;
    private final List<Port> ports;
    private final Path log;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private Path pidFile;
    private volatile Process process;
    private volatile boolean stopping;

    /** A port the server opens, and the setting that chooses it (named when it is taken). */
    record Port(int number, SettingKey<Integer> setting) {
    }

    /** {@code builder} must already append the server's output to {@code log}. */
    ChildServer(String name, ProcessBuilder builder, List<Port> ports, Path log, Duration startTimeout, Duration stopGrace) {
        this.name = name;
        this.builder = builder;
        this.ports = ports;
        this.log = log;
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
    }

    /** Writes the pid of each process started to this file, so a later Chief can stop one its killed predecessor left. */
    ChildServer withPidFile(Path file) {
        this.pidFile = file;
        return this;
    }

    /** Starts the server and returns once every port accepts connections; throws with the server's log otherwise. */
    void start() throws IOException {
        stopping = false;
        launch();
    }

    private void launch() throws IOException {
        for (Port port : ports) {
            PortCheck.requireFree(port.number(), name + " (" + port.setting() + ")");
        }
        Process started = builder.start();
        // named in the pid file before it is the current process: a later Chief can stop even one that
        // never opened its ports, and the file names whatever pid() says
        if (pidFile != null) {
            try {
                Files.writeString(pidFile, String.valueOf(started.pid()));
            } catch (IOException e) {
                LOG.debug("Cannot write {}: {}", pidFile, e.getMessage());
            }
        }
        process = started;
        awaitPorts(started);
        started.onExit().thenRun(() -> {
            Thread restart = new Thread(() -> restartIfUnexpected(started), name + " restart");
            restart.setDaemon(true);
            restart.start();
        });
    }

    private void awaitPorts(Process started) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        for (Port port : ports) {
            while (!accepts(port.number())) {
                if (stopping) {
                    throw new LocalStackException("The " + name + " is being stopped");
                }
                if (!started.isAlive()) {
                    throw new LocalStackException("The " + name + " exited with code " + started.exitValue()
                            + " during start; its log: " + tail());
                }
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new LocalStackException("The " + name + " did not open port " + port.number() + " within "
                            + startTimeout.toSeconds() + " s; its log: " + tail());
                }
                pause(Duration.ofMillis(100));
            }
        }
    }

    /** Starts the server again (with growing pauses) unless Chief is stopping it. */
    private void restartIfUnexpected(Process ended) {
        if (stopping || ended != process) {
            return;
        }
        LOG.error("The {} (pid {}) exited with code {} while Chief runs; starting it again. Its log: {}",
                name, ended.pid(), ended.exitValue(), tail());
        Duration wait = Duration.ofSeconds(1);
        try {
            while (!stopping) {
                Thread.sleep(wait.toMillis());
                try {
                    launch();
                    if (stopping) {
                        stop(); // close() came while this one started
                    } else {
                        LOG.warn("The {} is running again (pid {})", name, process.pid());
                    }
                    return;
                } catch (IOException | RuntimeException e) {
                    if (stopping) {
                        stop(); // what this attempt started, if anything
                        return;
                    }
                    LOG.error("Starting the {} again failed ({}); next try in {} s", name, e.getMessage(), wait.toSeconds());
                    wait = wait.multipliedBy(2).compareTo(MAX_RESTART_PAUSE) > 0 ? MAX_RESTART_PAUSE : wait.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the process named in {@code pidFile} if it still runs {@code command} (a server an earlier,
     * killed Chief left; the pid may since belong to another program): SIGTERM, a kill after {@code grace}.
     */
    static void stopLeftover(Path pidFile, String command, String name, Duration grace) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                    .filter(old -> old.info().commandLine().map(line -> line.contains(command)).orElse(false))
                    .ifPresent(old -> {
                        LOG.info("Stopping the {} (pid {}) left by an earlier run", name, pid);
                        old.destroy();
                        try {
                            old.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (Exception stillThere) {
                            old.destroyForcibly();
                            old.onExit().orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS)
                                    .exceptionally(e -> old).join(); // a kill is not instant: its files stay locked until it is gone
                        }
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Ignoring the pid file {}: {}", pidFile, e.getMessage());
        }
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /** SIGTERM, then a kill if it has not gone within the grace period. */
    void close() {
        stopping = true;
        stop();
    }

    private synchronized void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.descendants().forEach(ProcessHandle::destroy);
        current.destroy();
        try {
            if (!current.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The {} ignored SIGTERM for {} s, killing pid {}", name, stopGrace.toSeconds(), current.pid());
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly().waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for an embedded server", e);
        }
    }
}
