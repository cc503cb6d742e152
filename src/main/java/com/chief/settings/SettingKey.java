package com.chief.settings;

import java.util.Locale;

/**
 * One of Chief's settings: its key, how its text is read, its default (as text, exactly as the jar's
 * application.properties holds it) and what it means. Declared in {@link ChiefKeys} only.
 */
public final class SettingKey<T> {

    private final String name;
    private final SettingType<T> type;
    private final String defaultValue;
    private final String description;

    SettingKey(String name, SettingType<T> type, String defaultValue, String description) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public SettingType<T> type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable that sets it, by Camel's rule: chief.s3.bucket is CHIEF_S3_BUCKET. */
    public String environmentVariable() {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code text} read as this key's type (an error naming the key when it does not parse). */
    public T parse(String text) {
        return type.parse(name, text);
    }

    @Override
    public String toString() {
        return name;
    }
}
