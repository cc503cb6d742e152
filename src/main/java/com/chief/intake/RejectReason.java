package com.chief.intake;

/** Why a record was rejected; the code is the metric tag and the first word of the reject line. */
public enum RejectReason {
    MALFORMED_JSON("malformed JSON"),
    STRAY_TEXT("text outside any record"),
    NOT_AN_OBJECT("not a JSON object"),
    TOO_LARGE("record too large"),
    INVALID_ENCODING("not UTF-8 text"),
    FIELD_TOO_LONG("field too long"),
    MISSING_FIELD("missing field"),
    INVALID_ORDER_ID("invalid order id"),
    INVALID_EMAIL("invalid email"),
    UNKNOWN_GENDER("unknown gender"),
    UNKNOWN_SIZE("unknown size"),
    INVALID_MEASUREMENT("invalid measurement"),
    UNKNOWN_MATERIAL("unknown material"),
    UNKNOWN_DESIGN("unknown design"),
    UNKNOWN_STORE("unknown store"),
    UNKNOWN_ZONE("unknown zone"),
    INVALID_TIMESTAMP("invalid timestamp"),
    UNKNOWN_STATUS("unknown job status"),
    UNKNOWN_FACTORY("unknown factory"),
    UNKNOWN_ROBOT("unknown robot"),
    INVALID_RECORD("record could not be processed");

    private final String text;

    RejectReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
