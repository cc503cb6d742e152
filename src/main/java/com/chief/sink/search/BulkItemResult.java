package com.chief.sink.search;

import java.util.regex.Pattern;

/** The engine's answer for one item of a bulk request; {@code errorType} is null when it was indexed. */
public record BulkItemResult(int status, String index, String errorType, String errorReason) {

    /**
     * The errors a document causes itself: a field that does not parse or fit the mapping, a value
     * or request refused as invalid (OpenSearch says mapper_parsing_exception, Elasticsearch
     * document_parsing_exception for the same thing).
     */
    private static final Pattern DATA_ERRORS = Pattern.compile(
            "[a-z_]*(parse|parsing|mapping|mapper|validation)_exception|illegal_argument_exception|number_format_exception");

    public boolean failed() {
        return errorType != null;
    }

    /** A refused external version: an older status that must not overwrite a newer one. */
    public boolean versionConflict() {
        return status == 409;
    }

    /**
     * The document's own data error (a 400 of a data error type): the only refusal whose record may
     * be set aside. Anything else the engine refuses (no login or permission, no index, a closed
     * index, a write block, throttling, a server error, an error we do not know) is the engine's
     * state, which holds the batch until it changes.
     */
    public boolean dataError() {
        return failed() && status == 400 && DATA_ERRORS.matcher(errorType).matches();
    }

    /** Refused for a reason of the engine's, not the document's. */
    public boolean refusedByEngine() {
        return failed() && !versionConflict() && !dataError();
    }

    public String describe() {
        return status + " " + errorType + ": " + errorReason;
    }
}
