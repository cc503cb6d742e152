package com.chief.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingTypeTest {

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertThat(SettingType.BOOLEAN.parse("k", "TRUE")).isTrue();
        assertThat(SettingType.BOOLEAN.parse("k", "false")).isFalse();
        assertThatThrownBy(() -> SettingType.BOOLEAN.parse("k", "yes")).hasMessage("k must be true or false, got 'yes'");
    }

    @Test
    void numbersAreWholeAndRulesNameTheirBound() {
        assertThat(SettingType.LONG.parse("k", "-3")).isEqualTo(-3L);
        assertThatThrownBy(() -> SettingType.INT.parse("k", "4.0")).hasMessage("k must be a whole number, got '4.0'");
        assertThatThrownBy(() -> SettingType.POSITIVE_INT.parse("k", "0")).hasMessage("k must be 1 or more, got '0'");
        assertThatThrownBy(() -> SettingType.MILLIS.parse("k", "10s")).hasMessageContaining("whole number of milliseconds");
    }

    @Test
    void urlsNeedASchemeAndAHostAndEmptyIsNone() {
        assertThat(SettingType.URL.parse("k", "")).isEmpty();
        assertThat(SettingType.URL.parse("k", "http://h:1")).contains(URI.create("http://h:1"));
        assertThatThrownBy(() -> SettingType.URL.parse("k", "localhost")).hasMessageContaining("must be a URL");
    }

    @Test
    void choicesAreListedAndAnyCaseReadsAsTheChoice() {
        assertThatThrownBy(() -> SettingType.oneOf("a", "b", "c").parse("k", "A")).hasMessage("k must be a, b or c, got 'A'");
        assertThat(SettingType.oneOfAnyCase("NONE", "SUMMARY").parse("k", "summary")).isEqualTo("SUMMARY");
        assertThat(SettingType.LIST.parse("k", " a, ,b ")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void settingsTrimAndAMissingKeyIsAPackagingDefect() {
        Settings settings = new Settings(key -> Optional.ofNullable(Map.of("chief.aurora.batch-size", " 7 ").get(key)));
        assertThat(settings.get(ChiefKeys.AURORA_BATCH_SIZE)).isEqualTo(7);
        assertThatThrownBy(() -> settings.get(ChiefKeys.AURORA_LEASE_SECONDS))
                .hasMessage("Missing configuration key chief.aurora.lease-seconds");
    }
}
