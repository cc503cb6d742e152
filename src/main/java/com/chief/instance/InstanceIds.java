package com.chief.instance;

import java.net.InetAddress;
import java.util.UUID;

/**
 * The names a Chief instance writes where it holds something in the shared database (a polling
 * consumer's application, the Aurora load lease), and what such a name tells another instance. The
 * host name and process id are in it, so an instance on the same host can see that the holder's
 * process has ended and take over at once instead of waiting for an expiry (a restart after a kill).
 * Two forms are in use: {@code host:pid:random} for consumers and {@code pid@host} for the lease.
 *
 * <p>The test trusts that a host name means one process-id space: instances in containers that
 * share the host's name but not its processes ({@code network_mode: host}) must be given distinct names.
 */
public final class InstanceIds {

    private static final String UNKNOWN_HOST = "unknown-host";
    private static final String HOST = hostName();

    private InstanceIds() {
    }

    /** {@code host:pid:random}: unique even when a process id is reused after a restart. */
    public static String consumer() {
        return HOST + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code pid@host}, as the JVM names itself. */
    public static String loader() {
        return ProcessHandle.current().pid() + "@" + HOST;
    }

    /**
     * True only when {@code id} names a process on this host that has ended, so whatever it holds is
     * certainly abandoned. Other hosts, other forms (a configured worker id) and live processes are
     * false: those holders are left to their expiry.
     */
    public static boolean endedOnThisHost(String id) {
        String pid = pidOnThisHost(id);
        if (pid == null || HOST.equals(UNKNOWN_HOST)) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The process id part of {@code id} if its host is this one, else null. */
    private static String pidOnThisHost(String id) {
        String[] consumer = id.split(":");
        if (consumer.length == 3 && consumer[0].equals(HOST)) {
            return consumer[1];
        }
        int at = id.indexOf('@');
        if (at > 0 && id.substring(at + 1).equals(HOST)) {
            return id.substring(0, at);
        }
        return null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return UNKNOWN_HOST;
        }
    }
}
