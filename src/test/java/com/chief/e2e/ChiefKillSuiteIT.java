package com.chief.e2e;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The kill suite ({@link KillSuite}) on the default local stack. */
class ChiefKillSuiteIT extends KillSuite {

    @TestFactory
    Stream<DynamicTest> onTheDefaultStack() throws Exception {
        // everything embedded: the census reads Chief's own database while the last Chief runs
        return run("default-stack", Map.of(), ChiefProcess::databaseUrl, () -> { });
    }
}
