package com.chief.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the jar's defaults, the docs' configuration reference and the routes' placeholders to the key table
 * ({@link ChiefKeys}): a key added, renamed or given another default in one place only fails here.
 */
class SettingsReferenceTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path OPERATIONS = Path.of("docs/operations.md");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern FULL_KEY = Pattern.compile("chief\\.[a-z0-9.-]+");
    private static final Pattern SHORT_KEY = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Pattern ENV_VAR = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(chief\\.[a-z0-9.-]+)}}");

    private static final Map<String, SettingKey<?>> TABLE = ChiefKeys.all().stream()
            .collect(Collectors.toMap(SettingKey::name, Function.identity(), (a, b) -> {
                throw new AssertionError("declared twice: " + a);
            }, TreeMap::new));

    @Test
    void everyDefaultIsValidForItsType() {
        for (SettingKey<?> key : ChiefKeys.all()) {
            key.parse(key.defaultValue());
            assertThat(key.description()).as(key + " says what it means").isNotBlank();
        }
    }

    @Test
    void theJarsApplicationPropertiesHoldsEveryKeyWithTheTablesDefaultAndNoOther() {
        Map<String, String> jar = chiefKeys(load(RESOURCES.resolve("application.properties")));
        assertSameKeys(jar.keySet(), "the jar's application.properties");
        TABLE.forEach((name, key) -> assertThat(jar.get(name)).as("jar default of " + name).isEqualTo(key.defaultValue()));
    }

    @Test
    void profileOverlaysSetOnlyKnownKeysToValidValues() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES)) {
            List<Path> overlays = files.filter(f -> f.getFileName().toString().matches("application-.+\\.properties")).toList();
            assertThat(overlays).isNotEmpty();
            for (Path overlay : overlays) {
                chiefKeys(load(overlay)).forEach((name, value) -> {
                    assertThat(TABLE).as(overlay + " sets a key of the table").containsKey(name);
                    TABLE.get(name).parse(value);
                });
            }
        }
    }

    @Test
    void theDocsConfigurationReferenceNamesEveryKeyAndNoOther() {
        Set<String> documented = new TreeSet<>();
        referenceRows().forEach(row -> documented.addAll(row.keys()));
        assertSameKeys(documented, "docs/operations.md, Configuration");
    }

    @Test
    void theDocsShowTheTablesDefaults() {
        for (ReferenceRow row : referenceRows()) {
            List<String> keys = List.copyOf(row.keys());
            String[] defaults = row.defaults().split(", ");
            if (keys.size() == 1) {
                assertThat(documentedDefault(row.defaults())).as("docs row of " + keys.get(0) + " shows its default"
                        + " as `value` or empty").isPresent();
            } else if (defaults.length != keys.size()) {
                continue; // a shared default ("30 each") or a prose one
            }
            for (int i = 0; i < keys.size(); i++) {
                SettingKey<?> key = TABLE.get(keys.get(i));
                String expected = key.defaultValue().replace("{{chief.data-dir}}", ChiefKeys.DATA_DIR.defaultValue());
                documentedDefault(keys.size() == 1 ? row.defaults() : defaults[i]).ifPresent(shown ->
                        assertThat(shown).as("documented default of " + key + " (as it resolves)").isIn(expected,
                                key.defaultValue()));
            }
        }
    }

    @Test
    void placeholdersInRoutesAndPropertiesNameKeysOfTheTable() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Path root : List.of(Path.of("src/main"), Path.of("routes"), Path.of("kamelets"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.(java|ya?ml|properties)")).toList()) {
                    Matcher m = PLACEHOLDER.matcher(Files.readString(file));
                    while (m.find()) {
                        named.add(m.group(1));
                    }
                }
            }
        }
        assertThat(named).isNotEmpty();
        assertThat(TABLE.keySet()).as("keys named in {{...}} placeholders").containsAll(named);
    }

    @Test
    void javaReadsChiefKeysThroughTheTableOnly() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(file)).as(file + " reads a chief.* key past the table")
                        .doesNotContain("resolveProperty(\"chief.").doesNotContain("getProperty(\"chief.");
            }
        }
    }

    private static void assertSameKeys(Set<String> named, String where) {
        Set<String> missing = new TreeSet<>(TABLE.keySet());
        missing.removeAll(named);
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(TABLE.keySet());
        assertThat(missing).as("keys of the table that " + where + " does not name").isEmpty();
        assertThat(unknown).as("names in " + where + " that the table does not know").isEmpty();
    }

    /** A row of the reference: the keys its first cell names, and its default cell. */
    record ReferenceRow(Set<String> keys, String defaults) {
    }

    /**
     * The rows of docs/operations.md's configuration table. A cell names a key in full ({@code `chief.a.b`}), by
     * its environment variable ({@code `CHIEF_A_B`}) or, after a full key, by its last part ({@code `c`} for
     * chief.a.c); a name that is none of the table's keys is kept, so that the comparison reports it.
     */
    static List<ReferenceRow> referenceRows() {
        List<ReferenceRow> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : read(OPERATIONS).split("\n")) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            } else if (inSection && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                rows.add(new ReferenceRow(keysNamed(cells[1]), cells[2].strip()));
            }
        }
        assertThat(rows).as("rows of the configuration reference").isNotEmpty();
        return rows;
    }

    private static Set<String> keysNamed(String cell) {
        Set<String> keys = new LinkedHashSet<>();
        String prefix = null;
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            String name = m.group(1);
            if (FULL_KEY.matcher(name).matches()) {
                keys.add(name);
                prefix = name.substring(0, name.lastIndexOf('.') + 1);
            } else if (ENV_VAR.matcher(name).matches()) {
                TABLE.values().stream().filter(key -> key.environmentVariable().equals(name)).findFirst()
                        .ifPresentOrElse(key -> keys.add(key.name()), () -> keys.add("unknown variable " + name));
            } else if (SHORT_KEY.matcher(name).matches() && prefix != null) {
                keys.add(prefix + name);
            } else {
                keys.add("unreadable " + name);
            }
        }
        return keys;
    }

    /** {@code `value`} (any remark after it aside) or "empty"; nothing for prose or "—". */
    private static Optional<String> documentedDefault(String cell) {
        String text = cell.strip();
        if (text.startsWith("empty")) {
            return Optional.of("");
        }
        Matcher m = BACKTICKED.matcher(text);
        return text.startsWith("`") && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Map<String, String> chiefKeys(Properties properties) {
        Map<String, String> keys = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(name -> name.startsWith("chief."))
                .forEach(name -> keys.put(name, properties.getProperty(name)));
        return keys;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
