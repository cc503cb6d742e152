package com.chief.tailor;

/** The factories {@code routes/factories.camel.yaml} ships, for tests without Camel ({@link ShippedFactoriesTest} checks the file). */
public final class TestFactories {

    private TestFactories() {
    }

    public static DeclaredFactories shipped() {
        DeclaredFactories factories = new DeclaredFactories();
        for (int factory = 1; factory <= 4; factory++) {
            factories.declared("factory" + factory, 6);
        }
        return factories;
    }
}
