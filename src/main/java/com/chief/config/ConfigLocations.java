package com.chief.config;

import com.chief.settings.ChiefKeys;
import com.chief.settings.SettingKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where configuration comes from, highest precedence first: environment variables and system
 * properties (Camel checks those before any file), {@code ./application.properties} in the working
 * directory, the latency setting's defaults ({@code chief.latency=low}), the profile's defaults in the
 * jar, then the jar's general defaults.
 */
public final class ConfigLocations {

    public static final String PROFILE_KEY = ChiefKeys.PROFILE.name();
    public static final String DEFAULT_PROFILE = ChiefKeys.PROFILE.defaultValue();
    public static final String LATENCY_KEY = ChiefKeys.LATENCY.name();
    public static final String DEFAULT_LATENCY = ChiefKeys.LATENCY.defaultValue();
    static final String WORKING_DIR_FILE = "application.properties";

    private ConfigLocations() {
    }

    /**
     * Camel property locations; Camel takes a key from the first location that has it. Refuses a
     * working-directory file that holds a secret ({@link SecretKeys}).
     */
    public static String locations(String profile) {
        return locations(profile, DEFAULT_LATENCY);
    }

    /**
     * As {@link #locations(String)}, with the latency setting's defaults ({@code application-latency-low.properties})
     * between the working-directory file and the profile's: explicit settings still win, the profile's do not.
     */
    public static String locations(String profile, String latency) {
        SecretKeys.refuseIn(Path.of(WORKING_DIR_FILE));
        return "file:" + WORKING_DIR_FILE + ";optional=true,"
                + (latency.equals(DEFAULT_LATENCY) ? "" : "classpath:application-latency-" + latency + ".properties,")
                + "classpath:application-" + profile + ".properties,"
                + "classpath:application.properties";
    }

    /** {@code chief.latency} / {@code CHIEF_LATENCY}: {@code balanced} (the default) or {@code low}. */
    public static String activeLatency() {
        String latency = earlySetting(ChiefKeys.LATENCY);
        latency = isBlank(latency) ? DEFAULT_LATENCY : latency;
        if (!latency.equals(DEFAULT_LATENCY) && !latency.equals("low")) {
            throw new IllegalArgumentException(
                    "Unknown latency '" + latency + "' (chief.latency / CHIEF_LATENCY): use 'balanced' or 'low'");
        }
        return latency;
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
        return fromWorkingDirFile(file, PROFILE_KEY);
    }

    static String fromWorkingDirFile(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return properties.getProperty(key);
    }

    /**
     * A setting needed before Camel reads any (the JVM's heap, the latency profile), looked up in Camel's
     * order: environment variable ({@code chief.jvm.max-heap} → {@code CHIEF_JVM_MAX_HEAP}), system
     * property, {@code ./application.properties}, the jar's {@code application.properties}. Profile files
     * are not consulted: these settings choose what is read before them.
     */
    public static String earlySetting(SettingKey<?> key) {
        String value = System.getenv(key.environmentVariable());
        if (value == null) {
            value = System.getProperty(key.name());
        }
        if (value == null) {
            value = fromWorkingDirFile(Path.of(WORKING_DIR_FILE), key.name());
        }
        if (value == null) {
            Properties defaults = new Properties();
            try (InputStream in = ConfigLocations.class.getClassLoader().getResourceAsStream("application.properties")) {
                if (in != null) {
                    defaults.load(in);
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the jar's application.properties: " + e.getMessage(), e);
            }
            value = defaults.getProperty(key.name());
        }
        return value == null ? null : value.trim();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
