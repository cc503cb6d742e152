package com.chief.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

    private static final String SHIPPED_ZONES = "zones: [west, central, south, east]";

    @Test
    void zonesComeInTheFilesOrder() throws Exception {
        assertThat(Files.readString(Path.of(ReferenceData.FILE_NAME))).contains(SHIPPED_ZONES);
        assertThat(ReferenceData.load(Path.of(ReferenceData.FILE_NAME)).zones()).containsExactly("west", "central", "south", "east");
    }

    /** An operator's copy written before the factories had one place (routes/factories.camel.yaml) still reads. */
    @Test
    void anOlderFileMappingEachZoneToItsFactoryIsReadTheSameWay() throws Exception {
        String older = Files.readString(Path.of(ReferenceData.FILE_NAME)).replace(SHIPPED_ZONES, """
                zones:
                  west:    {factory: factory1, robots: 6}
                  central: {factory: factory2, robots: 6}
                  south:   {factory: factory3, robots: 6}
                  east:    {factory: factory4, robots: 6}
                """);
        ReferenceData read = ReferenceData.read(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8)), "older");
        assertThat(read.zones()).containsExactly("west", "central", "south", "east");
        assertThat(read.zoneOfStore("store-01")).isEqualTo("west");
    }

    @Test
    void zonesThatAreNotAListOfNamesAreRefusedWithTheRule() throws Exception {
        String shipped = Files.readString(Path.of(ReferenceData.FILE_NAME));
        for (String zones : List.of("zones: west", "zones: [west, {name: central}]", "zones: []")) {
            byte[] file = shipped.replace(SHIPPED_ZONES, zones).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> ReferenceData.read(new ByteArrayInputStream(file), "edited")).as(zones)
                    .hasMessageContaining("edited").hasMessageContaining("zones must be a list of zone names");
        }
    }
}
