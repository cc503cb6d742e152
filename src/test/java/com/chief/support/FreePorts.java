package com.chief.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports, so tests never collide with a running Chief or with each other. They come from
 * below the kernel's ephemeral range (32768 up): a server a test kills and starts again on the same port
 * would otherwise find it taken meanwhile as the source port of some outgoing connection. A port is
 * handed out once per JVM, and test JVMs run side by side ({@link TestForks}) each take their own share of
 * the range, so one never hands out a port another has handed out and not bound yet.
 */
public final class FreePorts {

    private static final int RANGE_START = 15_000;
    private static final int BELOW_EPHEMERAL = 32_768;
    private static final int SHARE = (BELOW_EPHEMERAL - RANGE_START) / TestForks.count();
    private static final int LOWEST = RANGE_START + SHARE * (TestForks.number() - 1);
    private static final int HIGHEST = LOWEST + SHARE;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port between " + LOWEST + " and " + HIGHEST);
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
