package com.chief.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The page itself: one self-contained HTML file in the jar (no external scripts, it works offline). */
final class StatusPage {

    private StatusPage() {
    }

    static String html() {
        try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream("status/index.html")) {
            if (in == null) {
                throw new IOException("missing resource status/index.html");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
