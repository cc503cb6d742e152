package com.chief.health;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns an exception chain into one readable line (each distinct message once, outermost first). */
public final class Reasons {

    private Reasons() {
    }

    public static String of(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null && messages.size() < 4; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }
}
