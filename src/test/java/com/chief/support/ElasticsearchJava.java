package com.chief.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java that runs the test Elasticsearch (9 needs 21 or later, Chief's build runs on 17): the running
 * JVM if it is new enough, else {@code -Dchief.elasticsearch.java-home}, else the newest JDK 21+ installed
 * under {@code /usr/lib/jvm}; otherwise the tests fail naming the property.
 */
public final class ElasticsearchJava {

    static final String PROPERTY = "chief.elasticsearch.java-home";
    private static final int NEEDED = 21;
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private ElasticsearchJava() {
    }

    public static Path home() {
        if (Runtime.version().feature() >= NEEDED) {
            return Path.of(System.getProperty("java.home"));
        }
        String configured = System.getProperty(PROPERTY, "");
        if (!configured.isBlank()) {
            Path home = Path.of(configured);
            if (feature(home).orElse(0) < NEEDED) {
                throw new IllegalStateException(PROPERTY + "=" + configured + " is not a Java " + NEEDED + "+ home (no bin/java"
                        + " or a `release` file naming an older version)");
            }
            return home;
        }
        return installed(Path.of("/usr/lib/jvm")).orElseThrow(() -> new IllegalStateException("Elasticsearch 9 needs Java "
                + NEEDED + "+, the tests run on " + Runtime.version().feature() + " and none is under /usr/lib/jvm: set -D"
                + PROPERTY + "=<a JDK " + NEEDED + "+ home> (or MAVEN_OPTS / the failsafe argLine)"));
    }

    /** The newest JDK 21+ in {@code dir}. */
    static Optional<Path> installed(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(dir)) {
            List<Path> candidates = homes.filter(home -> feature(home).orElse(0) >= NEEDED).toList();
            return candidates.stream().max(Comparator.comparingInt(home -> feature(home).orElse(0)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature version a JDK's {@code release} file names, if it has one and a {@code bin/java}. */
    static Optional<Integer> feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = VERSION.matcher(Files.readString(release));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
