package com.chief.local;

/** One part of the embedded stack. */
interface EmbeddedServer extends AutoCloseable {

    void start();

    @Override
    void close();
}
