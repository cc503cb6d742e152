package com.chief.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Fails early and clearly when a port the embedded stack needs is taken (often: Chief already running). */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(int port, String what) {
        // bind the way the servers will (SO_REUSEADDR), so connections of a previous run in TIME_WAIT do not count
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new LocalStackException("Port 127.0.0.1:" + port + " for the " + what + " is in use. Is Chief "
                    + "already running? Stop it, or choose another port with the property named above.");
        }
    }
}
