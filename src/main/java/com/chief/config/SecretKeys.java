package com.chief.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Keys that hold secrets ({@code chief.db.password}, {@code chief.search.password},
 * {@code chief.management.password}, {@code camel.component.smtp.password}, any key whose last part
 * is a password, secret, secret key, token or passphrase): they come from the environment (or, for the
 * database, search and SMTP passwords, from Secrets Manager), never from a properties file, which is
 * copied, committed and read by anyone who can read the working directory.
 */
public final class SecretKeys {

    private static final Pattern SECRET = Pattern.compile("(password|secret|secretkey|token|passphrase|privatekey)$");

    private SecretKeys() {
    }

    public static boolean isSecret(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1).replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return SECRET.matcher(last).find();
    }

    /** The environment variable Camel reads for a key: {@code chief.db.password} is {@code CHIEF_DB_PASSWORD}. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Fails, naming each key and its environment variable, when the file gives a secret key a value. */
    public static void refuseIn(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        TreeSet<String> found = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (isSecret(key) && !properties.getProperty(key).isBlank()) {
                found.add(key + " (set " + environmentVariable(key) + " in the environment instead)");
            }
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException(file.toAbsolutePath() + " holds secrets, which Chief takes from the environment only;"
                    + " remove " + String.join(", ", found));
        }
    }
}
