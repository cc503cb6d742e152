package com.chief.sink.notify;

/** One customer message, as an .eml text and as JSON, with its (deterministic) file name. */
public record Notification(String fileName, String eml, String json) {
}
