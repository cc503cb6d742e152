package com.chief.consume.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumerMetrics;
import com.chief.consume.ConsumerSettings;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/** The KCL record processor at a shard's end, with a fake checkpointer and a buffering handler. */
class KclRecordProcessorTest {

    private static final ConsumerSettings SETTINGS = new ConsumerSettings("order-archive", "OrdersStream",
            ShardIteratorType.TRIM_HORIZON, 100, Duration.ofMillis(10), 100, Duration.ofMillis(20), 3);

    @TempDir
    Path dir;

    private final List<String> checkpoints = new CopyOnWriteArrayList<>();
    private final RecordProcessorCheckpointer checkpointer = (RecordProcessorCheckpointer) Proxy.newProxyInstance(
            RecordProcessorCheckpointer.class.getClassLoader(), new Class<?>[] {RecordProcessorCheckpointer.class},
            (proxy, method, args) -> {
                if (method.getName().equals("checkpoint")) {
                    checkpoints.add(args == null ? "SHARD_END" : args[0] + "/" + args[1]);
                }
                return null;
            });

    /** Holds what it is given until the shard's end, like the S3 archive between flushes. */
    private static class Buffering implements BatchHandler {
        final List<String> held = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        Checkpoint last;

        @Override
        public Checkpoint handle(RecordBatch batch) {
            batch.records().forEach(r -> held.add(r.partitionKey()));
            last = batch.last();
            return null;
        }

        @Override
        public Checkpoint endOfShard(String shardId) {
            written.addAll(held);
            held.clear();
            return last;
        }
    }

    /** Records handed over while the lease looked lost for a moment stay pending; the shard's end delivers them first. */
    @Test
    void aShardEndIsCheckpointedOnlyOnceNothingIsPending() {
        Buffering handler = new Buffering();
        AtomicBoolean leaseHeld = new AtomicBoolean(true);
        KclRecordProcessor processor = processor(handler, shard -> leaseHeld.get(), () -> true);

        leaseHeld.set(false); // a renewal that looked late: processRecords returns with the batch pending
        processor.processRecords(ProcessRecordsInput.builder().records(List.of(record("o-1", "1"), record("o-2", "2")))
                .checkpointer(checkpointer).build());
        leaseHeld.set(true);
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertThat(handler.written).as("made durable before the shard's end").containsExactly("o-1", "o-2");
        assertThat(checkpoints).containsExactly("2/0", "SHARD_END");
    }

    /** Chief stops while a batch cannot be delivered (S3 down): no SHARD_END, so the next holder reads the records again. */
    @Test
    void noShardEndWhileABatchCannotBeDelivered() {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        Buffering handler = new Buffering() {
            @Override
            public Checkpoint handle(RecordBatch batch) {
                if (failures.incrementAndGet() >= 3) {
                    running.set(false); // Chief is stopping
                }
                throw new SystemUnavailableException("S3 down");
            }
        };
        KclRecordProcessor processor = processor(handler, shard -> true, running::get);
        processor.processRecords(ProcessRecordsInput.builder().records(List.of(record("o-1", "1"))).checkpointer(checkpointer).build());
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertThat(checkpoints).isEmpty();
    }

    private KclRecordProcessor processor(BatchHandler handler, Predicate<String> leaseHeld, BooleanSupplier running) {
        KclRecordProcessor processor = new KclRecordProcessor(SETTINGS, handler, new DeadLetters(dir, new SimpleMeterRegistry()),
                new ConsumerMetrics(new SimpleMeterRegistry()), leaseHeld, running);
        processor.initialize(InitializationInput.builder().shardId("shardId-0")
                .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON).build());
        return processor;
    }

    private static KinesisClientRecord record(String key, String sequence) {
        return KinesisClientRecord.builder().partitionKey(key).sequenceNumber(sequence).subSequenceNumber(0)
                .approximateArrivalTimestamp(Instant.now()).data(ByteBuffer.wrap(("{\"orderId\":\"" + key + "\"}")
                        .getBytes(StandardCharsets.UTF_8))).build();
    }

}
