package com.chief.consume;

/**
 * One consuming application as a unit, declared by the package that does its work (tailor/,
 * sink/s3, sink/search, sink/notify). Its name keeps its checkpoints, dedupe memory, dead letters
 * and meters apart from the others'; an engine reads the stream and hands each batch to the handler.
 */
public record ConsumingApplication(String name, ConsumedStream stream, BatchHandler handler) {
}
