package com.chief.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordScannerTest {

    @Test
    void jsonArray() {
        assertThat(texts("[{\"a\":1},\n {\"b\":[1,2,{\"c\":\"}\"}]}]"))
                .containsExactly("{\"a\":1}", "{\"b\":[1,2,{\"c\":\"}\"}]}");
    }

    @Test
    void newlineDelimitedJson() {
        List<RawRecord> records = scan("{\"a\":1}\n{\"b\":2}\r\n\n{\"c\":3}\n");
        assertThat(records).extracting(RawRecord::text).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L, 4L);
        assertThat(records).extracting(RawRecord::number).containsExactly(1L, 2L, 3L);
    }

    @Test
    void singleObjectWithBomAndEscapedQuotes() {
        assertThat(texts("\uFEFF  {\"note\":\"a \\\"quoted\\\" } brace\"}  "))
                .containsExactly("{\"note\":\"a \\\"quoted\\\" } brace\"}");
    }

    @Test
    void emptyFilesAndEmptyArraysHaveNoRecords() {
        assertThat(scan("")).isEmpty();
        assertThat(scan("  [ ]\n")).isEmpty();
    }

    @Test
    void theMalformed2017StoreOrderIsOneRecordAndTheNextRecordSurvives() {
        String file = """
                [{{"id":"433", "gender":"F", "size": {"bust":"22", "weight":"140", "hip":"50", waist:"22"}}
                ,"material":"cotton", "design": "custom"},
                {"id":"434","gender":"M"}]
                """;
        List<RawRecord> records = scan(file);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).text()).startsWith("{{\"id\":\"433\"").endsWith("\"design\": \"custom\"}");
        assertThat(records.get(1).text()).isEqualTo("{\"id\":\"434\",\"gender\":\"M\"}");
        assertThat(records.get(1).line()).isEqualTo(3);
    }

    @Test
    void textAfterARecordsCloseBelongsToThatRecordAndBreaksIt() {
        List<RawRecord> records = scan("{\"a\":1}}\n\"material\":\"cotton\"}\n{\"b\":2}");
        assertThat(records).extracting(RawRecord::kind).containsExactly(
                RawRecord.Kind.BROKEN, RawRecord.Kind.STRAY_TEXT, RawRecord.Kind.VALUE);
        assertThat(records.get(0).text()).isEqualTo("{\"a\":1}}");
        assertThat(records.get(0).problem()).contains("line 1, column 8");
        assertThat(records.get(1).text()).isEqualTo("\"material\":\"cotton\"}");
        assertThat(records.get(2).text()).isEqualTo("{\"b\":2}");
    }

    @Test
    void aFileEndingInsideARecordIsReported() {
        List<RawRecord> records = scan("{\"a\":1}\n{\"b\":\"unterminated}");
        assertThat(records).extracting(RawRecord::kind).containsExactly(RawRecord.Kind.VALUE, RawRecord.Kind.UNTERMINATED);
    }

    @Test
    void anOversizedRecordIsCutButDoesNotSwallowTheNext() {
        String big = "{\"x\":\"" + "y".repeat(5000) + "\"}";
        List<RawRecord> records = scan(big + "\n{\"ok\":1}", 100);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).truncated()).isTrue();
        assertThat(records.get(0).length()).isEqualTo(big.length());
        assertThat(records.get(0).text()).hasSize(100);
        assertThat(records.get(1).text()).isEqualTo("{\"ok\":1}");
    }

    @Test
    void aRecordThatNeverClosesEndsWhereTheNextLineStartsARecord() {
        List<RawRecord> records = scan("[{\"a\":1},\n{{\"b\":2},\n{\"c\":3}]");
        assertThat(records).extracting(RawRecord::text).containsExactly("{\"a\":1}", "{{\"b\":2},", "{\"c\":3}");
        assertThat(records).extracting(RawRecord::kind).containsExactly(RawRecord.Kind.VALUE, RawRecord.Kind.BROKEN, RawRecord.Kind.VALUE);
        assertThat(records.get(1).problem()).contains("next record starts at line 3, column 1");
        assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L, 3L);
        assertThat(records).extracting(RawRecord::column).containsExactly(2L, 1L, 1L);
    }

    @Test
    void onOneLineAnObjectWhereJsonAllowsNoneStartsTheNextRecord() {
        assertThat(texts("[{\"a\":1},{{\"b\":2},{\"c\":{\"d\":[{\"e\":1},{\"f\":2}]}}]"))
                .containsExactly("{\"a\":1}", "{{\"b\":2},", "{\"c\":{\"d\":[{\"e\":1},{\"f\":2}]}}");
    }

    @Test
    void aStringNeverRunsPastItsLine() {
        List<RawRecord> records = scan("{\"a\":\"open}\n{\"b\":2}\n");
        assertThat(records).extracting(RawRecord::text).containsExactly("{\"a\":\"open}", "{\"b\":2}");
        assertThat(records.get(0).kind()).isEqualTo(RawRecord.Kind.BROKEN);
    }

    @Test
    void aStrayQuoteOnALineOfManyRecordsCostsOnlyItsRecord() {
        assertThat(texts("[{\"a\":\"1,\"b\":2},{\"c\":3}]")).containsExactly("{\"a\":\"1,\"b\":2}", "{\"c\":3}");
    }

    @Test
    void nestedObjectsOnTheirOwnLinesIndentedDeeperStayInTheirRecord() {
        String pretty = "[\n  {\n    \"a\": [\n      {\n        \"b\": 1\n      }\n    ]\n  },\n  {\n    \"c\": 2\n  }\n]\n";
        List<RawRecord> records = scan(pretty);
        assertThat(records).extracting(RawRecord::kind).containsOnly(RawRecord.Kind.VALUE);
        assertThat(records).hasSize(2);
    }

    @Test
    void anArrayOfScalarsIsARecordButAnArrayOfObjectsHoldsRecords() {
        assertThat(texts("[1,2]\n")).containsExactly("[1,2]");
        assertThat(texts("[ {\"a\":1} ]")).containsExactly("{\"a\":1}");
    }

    private static List<String> texts(String file) {
        return scan(file).stream().map(RawRecord::text).toList();
    }

    private static List<RawRecord> scan(String file) {
        return scan(file, 1_000_000);
    }

    private static List<RawRecord> scan(String file, int max) {
        List<RawRecord> records = new ArrayList<>();
        new RecordScanner(new StringReader(file), max).forEachRemaining(records::add);
        return records;
    }
}
