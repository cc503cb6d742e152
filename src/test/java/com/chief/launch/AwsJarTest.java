package com.chief.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** On chief.jar's classes (the local stack present) nothing is refused; SlimJarIT runs chief-aws.jar itself. */
class AwsJarTest {

    @Test
    void chiefJarRefusesNothing() {
        assertThat(AwsJar.running()).isFalse();
        assertThat(AwsJar.benchmark("bench-pipeline")).isEmpty();
        assertThat(AwsJar.server(() -> "local")).isEmpty();
    }
}
