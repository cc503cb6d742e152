package com.chief.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where configuration comes from, highest precedence first: environment variables and system
 * properties (Camel checks those before any file), {@code ./application.properties} in the working
 * directory, the profile's defaults in the jar, then the jar's general defaults.
 */
public final class ConfigLocations {

    public static final String PROFILE_KEY = "chief.profile";
    public static final String DEFAULT_PROFILE = "local";
    static final String WORKING_DIR_FILE = "application.properties";

    private ConfigLocations() {
    }

    /**
     * Camel property locations; Camel takes a key from the first location that has it. Refuses a
     * working-directory file that holds a secret ({@link SecretKeys}).
     */
    public static String locations(String profile) {
        SecretKeys.refuseIn(Path.of(WORKING_DIR_FILE));
        return "file:" + WORKING_DIR_FILE + ";optional=true,"
                + "classpath:application-" + profile + ".properties,"
                + "classpath:application.properties";
    }

    /** The profile: {@code CHIEF_PROFILE} / {@code -Dchief.profile}, else the working-dir file, else local. */
    public static String activeProfile() {
        String profile = System.getenv("CHIEF_PROFILE");
        if (isBlank(profile)) {
            profile = System.getProperty(PROFILE_KEY);
        }
        if (isBlank(profile)) {
            profile = fromWorkingDirFile(Path.of(WORKING_DIR_FILE));
        }
        profile = isBlank(profile) ? DEFAULT_PROFILE : profile.trim();
        if (!profile.equals("local") && !profile.equals("aws")) {
            throw new IllegalArgumentException(
                    "Unknown profile '" + profile + "' (chief.profile / CHIEF_PROFILE): use 'local' or 'aws'");
        }
        return profile;
    }

    static String fromWorkingDirFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return properties.getProperty(PROFILE_KEY);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
