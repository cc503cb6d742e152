package com.chief.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.net.ServerSocket;

/** Fails early and clearly when a port the embedded stack needs is taken (often: Chief already running). */
final class PortCheck {

    private PortCheck() {
    }

    /** A process that just died (Chief killed, its emulator following it) may hold its port a moment longer. */
    private static final Duration GRACE = Duration.ofSeconds(15);

    static void requireFree(int port, String what) {
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (!isFree(port)) {
            if (System.nanoTime() > deadline) {
                throw new LocalStackException("Port 127.0.0.1:" + port + " for the " + what + " is in use. Is Chief "
                        + "already running? Stop it, or choose another port with the property named above.");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while waiting for port " + port, e);
            }
        }
    }

    private static boolean isFree(int port) {
        // bind the way the servers will (SO_REUSEADDR), so connections of a previous run in TIME_WAIT do not count
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
