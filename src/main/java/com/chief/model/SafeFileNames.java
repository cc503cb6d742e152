package com.chief.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns data from outside (order ids, e-mail addresses, statuses, shard ids read from the streams)
 * into one file-name part that stays inside its folder: letters, digits and {@code - _ . @ +} are
 * kept, every other byte of the UTF-8 form (a slash, NUL, CR/LF, a leading dot, {@code %} itself)
 * becomes {@code %XX}, so distinct values keep distinct names and the same value always gets the
 * same name (a replay rewrites its file). A long value is cut and suffixed with a hash of the whole,
 * so the name stays under the file system's 255-byte limit with room for a prefix and suffix.
 */
public final class SafeFileNames {

    /** Longest encoded part; callers add at most a few dozen characters around it. */
    static final int MAX_PART = 180;

    private SafeFileNames() {
    }

    public static String encode(String value) {
        StringBuilder name = new StringBuilder();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean kept = b < 0x80 && (Character.isLetterOrDigit(b) || "-_@+".indexOf(b) >= 0 || (b == '.' && i > 0));
            if (kept) {
                name.append((char) b);
            } else {
                name.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        if (name.isEmpty()) {
            return "%"; // no empty names: "%" alone is not the encoding of any value
        }
        if (name.length() > MAX_PART) {
            return name.substring(0, MAX_PART - 17) + "~" + sha256(bytes).substring(0, 16);
        }
        return name.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
