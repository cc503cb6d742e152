package com.chief.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsumerApplicationsTest {

    private final List<ConsumingApplication> declared = List.of(declared("order-archive"), declared("order-search"));

    @Test
    void runsTheChosenApplicationsOrAll() {
        assertThat(engineCalls(Set.of("order-search"))).containsExactly("order-search");
        assertThat(engineCalls(Set.of())).containsExactly("order-archive", "order-search");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> engineCalls(Set.of("order-archve")))
                .hasMessageContaining("unknown application 'order-archve'")
                .hasMessageContaining("[order-archive, order-search]");
    }

    private List<String> engineCalls(Set<String> enabled) {
        List<String> started = new ArrayList<>();
        new ConsumerApplications(declared, enabled, application -> {
            started.add(application.name());
            return null; // no engine needed to see which applications get one
        });
        return started;
    }

    private static ConsumingApplication declared(String name) {
        return new ConsumingApplication(name, ConsumedStream.ORDERS, batch -> batch.last());
    }
}
