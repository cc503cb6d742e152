package com.chief.health;

/** Checks one external system; returns a one-line description when it is usable, throws when not. */
@FunctionalInterface
public interface Probe {

    String check() throws Exception;
}
