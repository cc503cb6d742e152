package com.chief.kinesis;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.producer.Attempt;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordFailedException;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The KPL behind {@link RecordProducer}: records are aggregated and collected by the native
 * daemon. At most {@code maxOutstanding} records and {@code maxOutstandingBytes} bytes are in
 * flight, so a fast reader waits instead of filling memory. A record the KPL gives up on (after its own retries within the record TTL) is
 * sent again, up to {@code maxAttempts} times, then reported with the last error.
 */
public final class KplRecordProducer extends ServiceSupport implements RecordProducer {

    private static final Logger LOG = LoggerFactory.getLogger(KplRecordProducer.class);

    private final KinesisProducerConfiguration configuration;
    private final Semaphore inFlight;
    private final Semaphore inFlightBytes;
    private final int maxAttempts;
    private KinesisProducer kpl;

    public KplRecordProducer(KinesisProducerConfiguration configuration, int maxOutstanding, int maxOutstandingBytes,
            int maxAttempts) {
        this.configuration = configuration;
        this.inFlight = new Semaphore(maxOutstanding);
        this.inFlightBytes = new Semaphore(Math.max(maxOutstandingBytes, MAX_RECORD_BYTES));
        this.maxAttempts = maxAttempts;
    }

    @Override
    protected void doStart() throws IOException {
        Files.createDirectories(Path.of(configuration.getTempDirectory())); // the KPL unpacks its daemon here
        kpl = new KinesisProducer(configuration);
    }

    @Override
    public CompletableFuture<ProducedRecord> send(String stream, String partitionKey, byte[] data)
            throws InterruptedException {
        int bytes = Math.min(data.length, MAX_RECORD_BYTES);
        inFlight.acquire();
        try {
            inFlightBytes.acquire(bytes);
        } catch (InterruptedException e) {
            inFlight.release();
            throw e;
        }
        CompletableFuture<ProducedRecord> result = new CompletableFuture<>();
        result.whenComplete((ok, error) -> {
            inFlightBytes.release(bytes);
            inFlight.release();
        });
        attempt(stream, partitionKey, data, 1, result);
        return result;
    }

    private void attempt(String stream, String partitionKey, byte[] data, int attempt,
            CompletableFuture<ProducedRecord> result) {
        ListenableFuture<UserRecordResult> future;
        try {
            future = kpl.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data));
        } catch (RuntimeException e) { // refused before sending (too large, bad key, daemon gone): the slot must be freed
            result.completeExceptionally(new RecordRejectedException("the KPL refused the record: " + e.getMessage()));
            return;
        }
        Futures.addCallback(future, new FutureCallback<>() {
            @Override
            public void onSuccess(UserRecordResult record) {
                result.complete(new ProducedRecord(record.getShardId(), record.getSequenceNumber(), attempt));
            }

            @Override
            public void onFailure(Throwable error) {
                String reason = describe(error);
                if (attempt < maxAttempts) {
                    LOG.debug("Record for {} failed (attempt {}/{}): {}", stream, attempt, maxAttempts, reason);
                    attempt(stream, partitionKey, data, attempt + 1, result);
                } else {
                    result.completeExceptionally(new RecordRejectedException(
                            "Kinesis did not accept the record after " + attempt + " attempts: " + reason));
                }
            }
        }, MoreExecutors.directExecutor());
    }

    private static String describe(Throwable error) {
        if (error instanceof UserRecordFailedException failed) {
            List<Attempt> attempts = failed.getResult().getAttempts();
            if (!attempts.isEmpty()) {
                Attempt last = attempts.get(attempts.size() - 1);
                return last.getErrorCode() + " " + last.getErrorMessage();
            }
        }
        return String.valueOf(error.getMessage());
    }

    /**
     * Sends a {@link WarmUpRecord} to each stream and waits for it (at most {@code timeout}), so the
     * first real records are aggregated too. Returns false if Kinesis did not answer in time; the
     * producer works anyway, its first records just go out one by one.
     */
    public boolean warmUp(List<String> streams, Duration timeout) throws InterruptedException {
        List<CompletableFuture<ProducedRecord>> acks = new ArrayList<>();
        for (String stream : streams) {
            acks.add(send(stream, WarmUpRecord.PARTITION_KEY, WarmUpRecord.data()));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("KPL warm-up of {} did not complete ({}); the first records may go out unaggregated", streams,
                    e instanceof TimeoutException ? "no answer within " + timeout.toSeconds() + " s" : e.getCause().getMessage());
            return false;
        }
    }

    @Override
    public void flush() {
        kpl.flush();
    }

    @Override
    protected void doStop() {
        if (kpl != null) {
            // a bounded flush: flushSync() waited for every retry up to the record TTL (30 s) when Kinesis was slow;
            // records still unacknowledged leave their file in the inbox, read again at the next start
            for (long end = System.nanoTime() + 5_000_000_000L; kpl.getOutstandingRecordsCount() > 0 && System.nanoTime() < end;
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L)) {
                kpl.flush();
            }
            kpl.destroy();
            kpl = null;
        }
    }
}
