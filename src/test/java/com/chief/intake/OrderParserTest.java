package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.model.Json;
import com.chief.model.ReferenceData;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderParserTest {

    static final ReferenceData REFERENCE = ReferenceData.load(Path.of("reference-data.yaml"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private final OrderParser parser = new OrderParser(REFERENCE, CLOCK);

    @Test
    void acceptsA2017OnlineOrder() throws Exception {
        JsonNode order = accepted("{\"userid\":\"Jane@Example.com\",\"gender\":\"F\",\"size\":\"XXL\","
                + "\"material\":\"Lace\",\"design\":\"Turquoise\",\"activityTimestamp\":\"2017/11/24 12:00:00\"}");
        assertThat(order.get("channel").asText()).isEqualTo("ONLINE");
        assertThat(order.get("customer").asText()).isEqualTo("jane@example.com");
        assertThat(order.get("size").asText()).isEqualTo("2XL");
        assertThat(order.get("material").asText()).isEqualTo("lace");
        assertThat(order.get("design").asText()).isEqualTo("tourquiose");
        assertThat(order.get("orderedAt").asText()).isEqualTo("2017-11-24T12:00:00Z");
        assertThat(order.get("orderId").asText()).matches("o-[0-9a-f]{32}");
        assertThat(order.get("zoneAssigned").asBoolean()).isTrue();
    }

    @Test
    void acceptsAStoreOrderWithMeasurementsAsStringsOrNumbers() throws Exception {
        JsonNode order = accepted("{\"orderId\":\"s-1\",\"userid\":\"a@b.co\",\"gender\":\"female\",\"storeId\":\"store-42\","
                + "\"size\":{\"bust\":\"22\",\"weight\":140,\"hip\":\"50.5\",\"waist\":22},"
                + "\"material\":\"cotton\",\"design\":\"custom\",\"timestamp\":\"2026-11-22T10:15:00+02:00\"}");
        assertThat(order.get("channel").asText()).isEqualTo("STORE");
        assertThat(order.get("orderId").asText()).isEqualTo("s-1");
        assertThat(order.get("zone").asText()).isEqualTo("east");
        assertThat(order.get("measurements").get("hip").asDouble()).isEqualTo(50.5);
        assertThat(order.get("orderedAt").asText()).isEqualTo("2026-11-22T08:15:00Z");
        assertThat(order.has("zoneAssigned")).isFalse();
    }

    @Test
    void theSameRecordTextAlwaysGetsTheSameIdAndADifferentRecordAnother() {
        String text = "{\"userid\":\"a@b.co\",\"gender\":\"M\",\"size\":\"L\",\"material\":\"linen\",\"design\":\"aqua\",\"timestamp\":\"2026-11-22T10:00:00Z\"}";
        assertThat(OrderParser.derivedId(text)).isEqualTo(OrderParser.derivedId("  " + text + "\n"));
        assertThat(OrderParser.derivedId(text)).isNotEqualTo(OrderParser.derivedId(text.replace("10:00", "10:01")));
    }

    @Test
    void theMalformed2017StoreOrderIsRejectedWithTheJsonError() {
        ParsedRecord parsed = parser.parse(RawRecord.value(1, "{{\"id\":\"433\", \"gender\":\"F\", \"size\": {\"bust\":\"22\","
                + " \"weight\":\"140\", \"hip\":\"50\", waist:\"22\"}}\n,\"material\":\"cotton\", \"design\": \"custom\"}"));
        assertThat(parsed).isInstanceOfSatisfying(ParsedRecord.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
            assertThat(r.message()).contains("was expecting double-quote to start field name").contains("line 1, column 2");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NOT_AN_OBJECT       | [1,2]                                                                        | a JSON array",
        "MISSING_FIELD       | {'gender':'M','size':'L','material':'linen','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | 'userid'",
        "INVALID_EMAIL       | {'userid':'jane','gender':'M','size':'L','material':'linen','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | 'jane'",
        "FIELD_TOO_LONG      | {'orderId':'a234567890123456789012345678901234567890123456789012345678901234567890abcd','userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | 'orderId' has 74 characters",
        "MALFORMED_JSON      | {'userid':'a@b.co','gender':'M','gender':'F','size':'L','material':'linen','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | Duplicate field 'gender'",
        "INVALID_ORDER_ID    | {'orderId':'a b','userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | 'a b'",
        "UNKNOWN_GENDER      | {'userid':'a@b.co','gender':'Q','size':'L','material':'linen','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | 'Q'",
        "UNKNOWN_SIZE        | {'userid':'a@b.co','gender':'M','size':'XS','material':'linen','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | 'XS'",
        "INVALID_MEASUREMENT | {'userid':'a@b.co','gender':'M','size':{'bust':'22','weight':'900','hip':'50','waist':'22'},'material':'linen','design':'custom','timestamp':'2026-11-22T10:00:00Z'} | 'size.weight' is 900, outside 2-500",
        "INVALID_MEASUREMENT | {'userid':'a@b.co','gender':'M','size':{'bust':'big','weight':'90','hip':'50','waist':'22'},'material':'linen','design':'custom','timestamp':'2026-11-22T10:00:00Z'} | not a number",
        "MISSING_FIELD       | {'userid':'a@b.co','gender':'M','size':{'bust':'22','weight':'90','hip':'50'},'material':'linen','design':'custom','timestamp':'2026-11-22T10:00:00Z'} | 'size.waist'",
        "UNKNOWN_MATERIAL    | {'userid':'a@b.co','gender':'M','size':'L','material':'silk','design':'aqua','timestamp':'2026-11-22T10:00:00Z'} | 'silk'",
        "UNKNOWN_DESIGN      | {'userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'velvet','timestamp':'2026-11-22T10:00:00Z'} | not a design for gender M",
        "UNKNOWN_DESIGN      | {'userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'custom','timestamp':'2026-11-22T10:00:00Z'} | needs body measurements",
        "UNKNOWN_STORE       | {'userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'aqua','storeId':'store-99','timestamp':'2026-11-22T10:00:00Z'} | 'store-99'",
        "UNKNOWN_ZONE        | {'userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'aqua','zone':'north','timestamp':'2026-11-22T10:00:00Z'} | 'north'",
        "INVALID_TIMESTAMP   | {'userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'aqua','timestamp':'yesterday'} | 'yesterday'",
        "INVALID_TIMESTAMP   | {'userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'aqua','timestamp':'2027-01-01T00:00:00Z'} | in the future",
        "MISSING_FIELD       | {'userid':'a@b.co','gender':'M','size':'L','material':'linen','design':'aqua'} | 'activityTimestamp'",
    })
    void rejectsWithAPreciseReason(RejectReason reason, String json, String detail) {
        ParsedRecord parsed = parser.parse(RawRecord.value(1, json.replace('\'', '"')));
        assertThat(parsed).isInstanceOfSatisfying(ParsedRecord.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.message()).startsWith(reason.text() + ": ").contains(detail.replace('\'', '"').replace("\"", "'"));
        });
    }

    @Test
    void scannerRejectsBecomeReasons() {
        assertThat(parser.parse(new RawRecord(2, 3, 1, "\"material\":\"cotton\"}", 20, false, RawRecord.Kind.STRAY_TEXT, null)))
                .isInstanceOfSatisfying(ParsedRecord.Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.STRAY_TEXT));
        assertThat(parser.parse(new RawRecord(2, 3, 1, "{\"a\":", 5, false, RawRecord.Kind.UNTERMINATED, "the file ends inside this record")))
                .isInstanceOfSatisfying(ParsedRecord.Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
        assertThat(parser.parse(new RawRecord(2, 3, 1, "{\"a\":", 1000, true, RawRecord.Kind.VALUE, null)))
                .isInstanceOfSatisfying(ParsedRecord.Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.TOO_LARGE));
    }

    private JsonNode accepted(String json) throws Exception {
        ParsedRecord parsed = parser.parse(RawRecord.value(1, json));
        assertThat(parsed).isInstanceOf(ParsedRecord.Accepted.class);
        ParsedRecord.Accepted accepted = (ParsedRecord.Accepted) parsed;
        JsonNode node = Json.MAPPER.readTree(accepted.json());
        assertThat(accepted.id()).isEqualTo(node.get("orderId").asText());
        return node;
    }
}
