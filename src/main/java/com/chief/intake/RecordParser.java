package com.chief.intake;

/** Parses and validates the records of one kind of drop folder (orders, job results). */
public interface RecordParser {

    ParsedRecord parse(RawRecord raw);
}
