package com.chief.sink.search;

import com.chief.health.Probe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine refuses the search applications right now, per application. A cluster can be
 * green while refusing Chief's writes (a missing permission or index, a write block), so the search
 * health check asks this too: DOWN with the engine's reason until the application's next bulk
 * request goes through.
 */
public final class SearchRefusals implements Probe {

    private final Map<String, String> byApplication = new ConcurrentHashMap<>();

    void refused(String application, String reason) {
        byApplication.put(application, application + ": " + reason);
    }

    void accepted(String application) {
        byApplication.remove(application);
    }

    @Override
    public String check() {
        if (!byApplication.isEmpty()) {
            throw new IllegalStateException(String.join("; ", new java.util.TreeMap<>(byApplication).values()));
        }
        return "bulk requests accepted";
    }
}
