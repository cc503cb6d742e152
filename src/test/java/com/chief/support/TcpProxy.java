package com.chief.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one target, so a test can take a system away from a process
 * it does not control: {@link #cut()} closes every connection and the listening socket (new
 * connections are refused), {@link #restore()} listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final String name;
    private final int port;
    private final InetSocketAddress target;
    private final ExecutorService threads;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile ServerSocket server;

    public TcpProxy(String name, int port, int targetPort) {
        this.name = name;
        this.port = port;
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "proxy-" + name);
            thread.setDaemon(true);
            return thread;
        });
        restore();
    }

    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    public synchronized boolean isCut() {
        return server == null;
    }

    /** Listens (again) on the proxy's port; the port may linger in TIME_WAIT, so this retries briefly. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        ServerSocket socket = await(name + " listening again on " + port).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(IOException.class).until(this::bind, bound -> true);
        server = socket;
        threads.execute(() -> accept(socket));
    }

    private ServerSocket bind() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Refuses new connections and closes every open one, both sides. */
    public synchronized void cut() {
        ServerSocket socket = server;
        server = null;
        closeQuietly(socket);
        for (Socket open : sockets) {
            closeQuietly(open);
        }
        sockets.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // cut or closed
            }
            connections.incrementAndGet();
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            if (socket != server) { // cut while connecting
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            threads.execute(() -> pump(client, upstream));
            threads.execute(() -> pump(upstream, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // closed by a cut or by either side
        } catch (IOException e) {
            // the same: the connection is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    @Override
    public void close() {
        cut();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return name + " 127.0.0.1:" + port + " -> " + target.getPort() + (isCut() ? " (cut)" : "");
    }
}
