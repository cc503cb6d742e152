package com.chief.intake;

import com.chief.kinesis.ProducedRecord;
import com.chief.kinesis.RecordProducer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM with a small heap by {@link BoundedMemoryIntakeIT}: takes one big file through
 * {@link FileIntake} with a producer that acknowledges each record a little later, at most 10,000
 * in flight (as the KPL producer bounds them), and prints the counts.
 */
public final class BoundedMemoryProbe {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path work = Path.of(args[1]);
        ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor();
        Semaphore inFlight = new Semaphore(10_000);
        RecordProducer delayed = new RecordProducer() {
            @Override
            public CompletableFuture<ProducedRecord> send(String stream, String key, byte[] data) throws InterruptedException {
                inFlight.acquire();
                CompletableFuture<ProducedRecord> ack = new CompletableFuture<>();
                acks.schedule(() -> {
                    inFlight.release();
                    ack.complete(new ProducedRecord("shardId-0", "1", 1));
                }, 1, TimeUnit.MILLISECONDS);
                return ack;
            }

            @Override
            public void flush() {
            }
        };
        Clock clock = Clock.systemUTC();
        FileIntake intake = new FileIntake("orders", new OrderParser(OrderParserTest.REFERENCE, clock), delayed, "Big",
                new IntakeFolders(work.resolve("archive"), work.resolve("error"), work.resolve("rejected"), clock),
                new IntakeRetries(1, Duration.ofSeconds(1), clock), new IntakeMetrics(new SimpleMeterRegistry(), "orders"),
                1_000_000, Duration.ofMinutes(5));
        long started = System.nanoTime();
        FileOutcome outcome = intake.ingest(file);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("read=%d produced=%d rejected=%d failed=%d error=%s millis=%d maxHeapMb=%d%n", outcome.read(),
                outcome.produced(), outcome.rejected(), outcome.failed(), outcome.error(), millis, runtime.maxMemory() >> 20);
        acks.shutdownNow();
    }
}
