package com.chief.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedMallocTest {

    @Test
    void boundsTheArenasUnlessTheUserChoseAValue() {
        ProcessBuilder plain = new ProcessBuilder("true");
        plain.environment().remove(BoundedMalloc.VARIABLE);
        BoundedMalloc.apply(plain);
        assertThat(plain.environment()).containsEntry("MALLOC_ARENA_MAX", "2");

        ProcessBuilder chosen = new ProcessBuilder("true");
        chosen.environment().put(BoundedMalloc.VARIABLE, "8");
        BoundedMalloc.apply(chosen);
        assertThat(chosen.environment()).containsEntry("MALLOC_ARENA_MAX", "8");
    }
}
