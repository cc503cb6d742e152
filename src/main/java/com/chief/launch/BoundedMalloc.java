package com.chief.launch;

/**
 * glibc gives each thread that allocates concurrently an arena of its own, up to 8 per core, and each keeps
 * what it once held: in a server with many threads (mariadbd, a JVM) that was 20 MB resident per arena, 160 MB
 * in the embedded MariaDB at 1,000,000 orders. Two arenas are enough for the local stack's few busy threads.
 * A value the user set is kept. It lives here, not in {@code local}, because the launcher applies it to Chief's
 * child JVM in chief-aws.jar too, which has no {@code com.chief.local}.
 */
public final class BoundedMalloc {

    static final String VARIABLE = "MALLOC_ARENA_MAX";
    static final String ARENAS = "2";

    private BoundedMalloc() {
    }

    public static void apply(ProcessBuilder builder) {
        builder.environment().putIfAbsent(VARIABLE, ARENAS);
    }
}
