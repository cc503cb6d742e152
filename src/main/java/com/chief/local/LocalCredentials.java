package com.chief.local;

/**
 * Fixed keys of the embedded stack. They are not secrets: only the emulators on 127.0.0.1 accept
 * them, and they are never used for a configured endpoint (those go through AWS's provider chain).
 */
public final class LocalCredentials {

    public static final String ACCESS_KEY = "chief-local";
    public static final String SECRET_KEY = "chief-local-secret";

    private LocalCredentials() {
    }
}
