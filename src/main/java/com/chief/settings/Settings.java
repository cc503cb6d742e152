package com.chief.settings;

import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Reads settings through the key table: the text Camel's property layers hold for a key, trimmed and
 * parsed by the key's type. A key without a value anywhere is a packaging defect (the jar's
 * application.properties has every key), so it fails loudly.
 */
public final class Settings {

    private final Function<String, Optional<String>> lookup;

    public Settings(PropertiesComponent properties) {
        this(properties::resolveProperty);
    }

    public Settings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public <T> T get(SettingKey<T> key) {
        String text = lookup.apply(key.name()).map(String::trim)
                .orElseThrow(() -> new IllegalStateException("Missing configuration key " + key.name()));
        return key.parse(text);
    }
}
