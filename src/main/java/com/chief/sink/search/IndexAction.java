package com.chief.sink.search;

import java.util.Map;

/**
 * One document to index, independent of the engine's client. {@code externalVersion} (or null)
 * makes the engine keep the document with the highest version: how a current status refuses to
 * move backwards.
 */
public record IndexAction(String index, String id, Map<String, Object> document, Long externalVersion) {
}
