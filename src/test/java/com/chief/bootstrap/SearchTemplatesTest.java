package com.chief.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What Chief's settings change in its index templates before they are put. */
class SearchTemplatesTest {

    private static final String TEMPLATE = "{\"index_patterns\":[\"chief-orders*\"],\"template\":{\"mappings\":{}}}";

    @Test
    void aRefreshIntervalGoesIntoTheTemplatesIndexSettings() throws Exception {
        JsonNode json = Json.MAPPER.readTree(SearchTemplates.withRefreshInterval(SearchTemplates.singleNode(TEMPLATE), "250ms"));
        assertThat(json.path("template").path("settings").path("refresh_interval").asText()).isEqualTo("250ms");
        assertThat(json.path("template").path("settings").path("number_of_replicas").asInt()).isZero();
    }

    @Test
    void noRefreshIntervalLeavesTheEnginesDefault() throws Exception {
        assertThat(SearchTemplates.withRefreshInterval(TEMPLATE, "")).isEqualTo(TEMPLATE);
        assertThat(SearchTemplates.withRefreshInterval(TEMPLATE, null)).isEqualTo(TEMPLATE);
    }
}
