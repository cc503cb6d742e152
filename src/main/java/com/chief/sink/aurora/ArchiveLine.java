package com.chief.sink.aurora;

/** One line of an archive object, numbered from 1. */
record ArchiveLine(int number, String text) {
}
