package com.chief.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Designs, materials, sizes, measurement ranges, zones and stores: read from
 * {@code reference-data.yaml}, which operators edit. Lookups are case-insensitive and return the
 * canonical spelling.
 */
public final class ReferenceData {

    public record Range(double min, double max) {
        public boolean contains(double value) {
            return value >= min && value <= max;
        }
    }

    /** Which robots sew what: the last {@code heavyMaterialRobots} of a factory sew the heavy materials. */
    public record Robots(List<String> heavyMaterials, int heavyMaterialRobots) {
        public boolean canSew(int robot, int robotsInFactory, String material) {
            return !heavyMaterials.contains(material) || robot > robotsInFactory - heavyMaterialRobots;
        }
    }

    /** The file's shape. */
    record Source(Map<String, List<String>> genders, Map<String, List<String>> designs,
            Map<String, String> designAliases, String customDesign, List<String> materials, List<String> sizes,
            Map<String, String> sizeAliases, Map<String, Range> measurements, Robots robots, JsonNode zones,
            Map<String, String> stores) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    public static final String FILE_NAME = "reference-data.yaml";

    private final Map<String, String> genders = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> designsByGender = new LinkedHashMap<>();
    private final String customDesign;
    private final Map<String, String> materials = new LinkedHashMap<>();
    private final Map<String, String> sizes = new LinkedHashMap<>();
    private final Map<String, Range> measurements;
    private final List<String> zones;
    private final Robots robots;
    private final Map<String, String> stores = new LinkedHashMap<>();
    private final Map<String, String> storeZones;

    private ReferenceData(Source source) {
        source.genders().forEach((gender, aliases) -> {
            genders.put(key(gender), gender);
            aliases.forEach(alias -> genders.put(key(alias), gender));
        });
        source.designs().forEach((gender, designs) -> {
            Map<String, String> known = new LinkedHashMap<>();
            designs.forEach(design -> known.put(key(design), design));
            source.designAliases().forEach((alias, design) -> {
                if (designs.contains(design)) {
                    known.put(key(alias), design);
                }
            });
            designsByGender.put(gender, known);
        });
        Map<String, String> any = new LinkedHashMap<>();
        designsByGender.values().forEach(any::putAll);
        genders.values().stream().distinct().filter(g -> !designsByGender.containsKey(g))
                .forEach(g -> designsByGender.put(g, any));
        customDesign = source.customDesign();
        source.materials().forEach(m -> materials.put(key(m), m));
        source.sizes().forEach(s -> sizes.put(key(s), s));
        source.sizeAliases().forEach((alias, size) -> sizes.put(key(alias), size));
        measurements = Map.copyOf(source.measurements());
        // a list; files written before the factories moved to routes/factories.camel.yaml map each zone to one
        List<String> zoneNames = new ArrayList<>();
        if (source.zones() != null && source.zones().isArray()) {
            source.zones().forEach(zone -> zoneNames.add(zone.isTextual() ? zone.asText().strip() : ""));
        } else if (source.zones() != null && source.zones().isObject()) {
            source.zones().fieldNames().forEachRemaining(zoneNames::add);
        }
        if (zoneNames.isEmpty() || zoneNames.contains("")) {
            throw new IllegalArgumentException("zones must be a list of zone names, e.g. [west, central, south, east]");
        }
        zones = List.copyOf(zoneNames);
        robots = source.robots() == null ? new Robots(List.of(), 0) : source.robots();
        source.stores().forEach((store, zone) -> {
            if (!zones.contains(zone)) {
                throw new IllegalArgumentException("Store " + store + " is in unknown zone " + zone);
            }
            stores.put(key(store), store);
        });
        storeZones = Map.copyOf(source.stores());
    }

    /** {@code ./reference-data.yaml} (or the given file) if it exists, else the copy in the jar. */
    public static ReferenceData load(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return read(in, file.toString());
                }
            }
            try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(FILE_NAME)) {
                if (in == null) {
                    throw new IllegalStateException("No " + FILE_NAME + " in the jar");
                }
                return read(in, "classpath:" + FILE_NAME);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read reference data " + file + ": " + e.getMessage(), e);
        }
    }

    static ReferenceData read(InputStream in, String name) throws IOException {
        try {
            return new ReferenceData(YAML.readValue(in, Source.class));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Invalid reference data in " + name + ": " + e.getMessage(), e);
        }
    }

    public Optional<String> gender(String raw) {
        return Optional.ofNullable(genders.get(key(raw)));
    }

    /** The canonical design if {@code gender} may order it online. */
    public Optional<String> design(String gender, String raw) {
        return Optional.ofNullable(designsByGender.getOrDefault(gender, Map.of()).get(key(raw)));
    }

    public boolean isCustom(String raw) {
        return key(customDesign).equals(key(raw));
    }

    public String customDesign() {
        return customDesign;
    }

    public Optional<String> material(String raw) {
        return Optional.ofNullable(materials.get(key(raw)));
    }

    public Optional<String> size(String raw) {
        return Optional.ofNullable(sizes.get(key(raw)));
    }

    public Map<String, Range> measurements() {
        return measurements;
    }

    public Optional<String> store(String raw) {
        return Optional.ofNullable(stores.get(key(raw)));
    }

    public String zoneOfStore(String store) {
        return storeZones.get(store);
    }

    public Optional<String> zone(String raw) {
        return zones.stream().filter(z -> key(z).equals(key(raw))).findFirst();
    }

    public Robots robots() {
        return robots;
    }

    /** In the file's order (2017 online orders are spread over them by it). */
    public List<String> zones() {
        return zones;
    }

    public List<String> genders() {
        return genders.values().stream().distinct().toList();
    }

    public List<String> designs(String gender) {
        return designsByGender.getOrDefault(gender, Map.of()).values().stream().distinct().toList();
    }

    public List<String> materials() {
        return List.copyOf(materials.values());
    }

    public List<String> sizes() {
        return sizes.values().stream().distinct().toList();
    }

    public List<String> stores() {
        return List.copyOf(stores.values());
    }

    private static String key(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }
}
