package com.chief.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a setting's text is read: one strict parser per type, so every key of a type takes the same texts
 * and refuses the same way ({@code <key> must be <expected>, got '<text>'}). {@link #where} adds a rule
 * on the parsed value, Kafka's ConfigDef validator.
 */
public final class SettingType<T> {

    public static final SettingType<String> TEXT = new SettingType<>("text", text -> text);
    public static final SettingType<Integer> INT = new SettingType<>("a whole number", Integer::parseInt);
    public static final SettingType<Integer> POSITIVE_INT = INT.where(value -> value >= 1, "1 or more");
    public static final SettingType<Long> LONG = new SettingType<>("a whole number", Long::parseLong);
    /** Empty: not set (another key's value applies). */
    public static final SettingType<Optional<Long>> OPTIONAL_LONG = new SettingType<>("empty or a whole number",
            text -> text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text)));
    public static final SettingType<Double> DOUBLE = new SettingType<>("a number", Double::parseDouble);
    public static final SettingType<Duration> MILLIS = new SettingType<>("a whole number of milliseconds",
            text -> Duration.ofMillis(Long.parseLong(text)));
    public static final SettingType<Boolean> BOOLEAN = new SettingType<>("true or false", SettingType::strictBoolean);
    /** Absolute and normalized: Camel's file options would read a relative path against their own folder. */
    public static final SettingType<Path> PATH = new SettingType<>("a path",
            text -> Path.of(text).toAbsolutePath().normalize());
    /** Empty: none (the profile's or AWS's default endpoint). */
    public static final SettingType<Optional<URI>> URL = new SettingType<>("a URL like http://host:port", SettingType::url);
    /** Comma-separated, each item trimmed, empty items dropped. */
    public static final SettingType<List<String>> LIST = new SettingType<>("a comma-separated list",
            text -> Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList());

    private final String expected;
    private final Function<String, T> parser;

    private SettingType(String expected, Function<String, T> parser) {
        this.expected = expected;
        this.parser = parser;
    }

    /** Exactly one of {@code choices} (they reach Camel endpoints as written). */
    public static SettingType<String> oneOf(String... choices) {
        return TEXT.where(List.of(choices)::contains, choices(choices));
    }

    /** One of {@code choices} in any case, read as the choice itself. */
    public static SettingType<String> oneOfAnyCase(String... choices) {
        return new SettingType<>(choices(choices), text -> Arrays.stream(choices)
                .filter(choice -> choice.equalsIgnoreCase(text))
                .findFirst().orElseThrow(IllegalArgumentException::new));
    }

    /** This type, with values failing {@code rule} refused as not {@code expected}. */
    public SettingType<T> where(Predicate<? super T> rule, String expected) {
        return new SettingType<>(expected, text -> {
            T value = parser.apply(text);
            if (!rule.test(value)) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    /** The value of {@code text}, or an error naming the key, what it must be and the text. */
    public T parse(String key, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) { // NumberFormatException, InvalidPathException too
            throw new IllegalStateException(key + " must be " + expected + ", got '" + text + "'");
        }
    }

    private static String choices(String... choices) {
        String all = String.join(", ", choices);
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }

    private static boolean strictBoolean(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(text);
    }

    private static Optional<URI> url(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(text);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        return Optional.of(uri);
    }
}
