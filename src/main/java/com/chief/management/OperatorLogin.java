package com.chief.management;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The management login, held in memory only as the user and a salted PBKDF2 hash of the password:
 * nothing on disk, and a heap dump does not hand out the password. Checks HTTP Basic credentials.
 */
public final class OperatorLogin {

    // a few milliseconds per request: Hawtio polls every few seconds, a guesser pays the same
    private static final int ITERATIONS = 10_000;

    private final String user;
    private final byte[] salt = new byte[16];
    private final byte[] hash;

    public OperatorLogin(String user, String password) {
        this.user = user;
        new SecureRandom().nextBytes(salt);
        this.hash = hash(password);
    }

    public String user() {
        return user;
    }

    /** Whether an Authorization header carries this user and password (Basic). */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userMatches = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                credentials.substring(0, colon).getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(hash, hash(credentials.substring(colon + 1)));
        return userMatches & passwordMatches;
    }

    private byte[] hash(String password) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() { // never the hash
        return "OperatorLogin[" + user + "]";
    }
}
