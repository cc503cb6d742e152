package com.chief.model;

/** Where an order was placed: online (size label) or in a store (body measurements). */
public enum Channel {
    ONLINE, STORE
}
