package com.chief.model;

import java.util.List;
import java.util.Optional;

/** The robo-factories Chief runs, each with its robot count, as {@code routes/factories.camel.yaml} declares them. */
public interface Factories {

    record Factory(String id, int robots) {
    }

    /** The factory with this id, in any case; empty if none is declared by that id. */
    Optional<Factory> find(String id);

    /** Every factory id declared, for messages. */
    List<String> ids();
}
