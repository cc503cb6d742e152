package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Json;
import com.chief.tailor.TestFactories;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobResultParserTest {

    private final JobResultParser parser = new JobResultParser(TestFactories.shipped(), OrderParserTest.CLOCK);

    @Test
    void acceptsThe2017FormatKeyedByOrder() throws Exception {
        ParsedRecord parsed = parse("{'userId':'a@b.co','orderId':'o-1','factoryId':'factory3','robotId':'robot6',"
                + "'jobStatus':'inprogress','timestamp':'2017/11/24 12:05:00'}");
        assertThat(parsed).isInstanceOf(ParsedRecord.Accepted.class);
        ParsedRecord.Accepted accepted = (ParsedRecord.Accepted) parsed;
        assertThat(accepted.id()).isEqualTo("o-1");
        JsonNode result = Json.MAPPER.readTree(accepted.json());
        assertThat(result.get("status").asText()).isEqualTo("InProgress");
        assertThat(result.get("timestamp").asText()).isEqualTo("2017-11-24T12:05:00Z");
        assertThat(result.get("factoryId").asText()).isEqualTo("factory3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MISSING_FIELD     | {'userId':'a@b.co','factoryId':'factory1','robotId':'robot1','jobStatus':'Pending','timestamp':'2026-11-22T10:00:00Z'} | 'orderId'",
        "UNKNOWN_FACTORY   | {'userId':'a@b.co','orderId':'o','factoryId':'factory9','robotId':'robot1','jobStatus':'Pending','timestamp':'2026-11-22T10:00:00Z'} | factory 'factory9'",
        "UNKNOWN_ROBOT     | {'userId':'a@b.co','orderId':'o','factoryId':'factory1','robotId':'robot7','jobStatus':'Pending','timestamp':'2026-11-22T10:00:00Z'} | robot 'robot7'",
        "UNKNOWN_ROBOT     | {'userId':'a@b.co','orderId':'o','factoryId':'factory1','robotId':'robot99999999999','jobStatus':'Pending','timestamp':'2026-11-22T10:00:00Z'} | robot 'robot99999999999'",
        "FIELD_TOO_LONG    | {'userId':'a@b.co','orderId':'o','factoryId':'factory1','robotId':'robot1','jobStatus':'Failed','reason':'%s','timestamp':'2026-11-22T10:00:00Z'} | 'reason' has 501 characters",
        "UNKNOWN_STATUS    | {'userId':'a@b.co','orderId':'o','factoryId':'factory1','robotId':'robot1','jobStatus':'Shipped','timestamp':'2026-11-22T10:00:00Z'} | 'Shipped'",
        "INVALID_TIMESTAMP | {'userId':'a@b.co','orderId':'o','factoryId':'factory1','robotId':'robot1','jobStatus':'Pending','timestamp':'soon'} | 'soon'",
    })
    void rejectsWithAPreciseReason(RejectReason reason, String json, String detail) {
        assertThat(parse(json)).isInstanceOfSatisfying(ParsedRecord.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.message()).contains(detail);
        });
    }

    private ParsedRecord parse(String json) {
        return parser.parse(RawRecord.value(1, json.replace('\'', '"').replace("%s", "x".repeat(501))));
    }
}
