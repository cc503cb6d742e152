package com.chief.sink.aurora;

/** What loading one object did: lines read, rows new, rows already there, lines rejected. */
public record LoadCounts(int read, int inserted, int present, int rejected) {

    public static final LoadCounts NONE = new LoadCounts(0, 0, 0, 0);

    public LoadCounts plus(LoadCounts other) {
        return new LoadCounts(read + other.read, inserted + other.inserted, present + other.present, rejected + other.rejected);
    }
}
