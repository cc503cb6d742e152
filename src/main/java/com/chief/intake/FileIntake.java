package com.chief.intake;

import com.chief.health.Reasons;
import com.chief.kinesis.RecordProducer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one drop-folder file through: streams its records, rejects the invalid ones with their
 * reasons, produces the valid ones, and waits until Kinesis has acknowledged every one of them
 * before archiving the file. If Kinesis did not take them all, the file stays in the inbox for a
 * later attempt (records already sent are sent again; the consumers' dedupe absorbs that), and
 * after the last attempt it goes to the error folder with a reason file.
 */
public final class FileIntake implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FileIntake.class);

    private final String inbox;
    private final RecordParser parser;
    private final RecordProducer producer;
    private final String stream;
    private final IntakeFolders folders;
    private final IntakeRetries retries;
    private final IntakeMetrics metrics;
    private final int maxRecordChars;
    private final Duration ackTimeout;

    public FileIntake(String inbox, RecordParser parser, RecordProducer producer, String stream, IntakeFolders folders,
            IntakeRetries retries, IntakeMetrics metrics, int maxRecordChars, Duration ackTimeout) {
        this.inbox = inbox;
        this.parser = parser;
        this.producer = producer;
        this.stream = stream;
        this.folders = folders;
        this.retries = retries;
        this.metrics = metrics;
        this.maxRecordChars = maxRecordChars;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        process(exchange.getIn().getBody(File.class).toPath());
    }

    void process(Path file) throws InterruptedException, IOException {
        String name = file.getFileName().toString();
        FileOutcome outcome = ingest(file);
        metrics.records("read", outcome.read());
        metrics.records("produced", outcome.produced());
        metrics.records("rejected", outcome.rejected());
        metrics.records("failed", outcome.failed());
        String counts = outcome.read() + " read, " + outcome.produced() + " produced to " + stream + ", "
                + outcome.rejected() + " rejected";
        if (outcome.complete()) {
            Path archived = folders.archive(file);
            retries.done(file.toString());
            metrics.file("archived");
            LOG.info("{}: {}{}; archived to {}", name, counts,
                    outcome.rejected() > 0 ? " (reasons in " + folders.rejectedDir().resolve(name + ".rejects.ndjson") + ")" : "",
                    archived);
            return;
        }
        int attempt = retries.failed(file.toString());
        if (attempt > 0) {
            metrics.file("retry");
            LOG.warn("{}: {}; {}. The file stays in {} for attempt {} of {} in {} s", name, counts, outcome.problem(),
                    inbox, attempt + 1, retries.maxAttempts(), retries.delayAfter(attempt).toSeconds());
        } else {
            Path failed = folders.fail(file, counts + System.lineSeparator() + outcome.problem());
            metrics.file("error");
            LOG.error("{}: {}; {}. Gave up after {} attempts: moved to {} with a reason file", name, counts,
                    outcome.problem(), retries.maxAttempts(), failed);
        }
    }

    FileOutcome ingest(Path file) throws InterruptedException {
        AckTracker acks = new AckTracker();
        long read = 0;
        long rejected = 0;
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
                RejectWriter rejects = folders.rejectWriter(file)) {
            RecordScanner scanner = new RecordScanner(reader, maxRecordChars);
            while (scanner.hasNext()) {
                RawRecord raw = scanner.next();
                read++;
                ParsedRecord parsed = parser.parse(raw);
                if (parsed instanceof ParsedRecord.Accepted accepted) {
                    acks.track(accepted.id(), producer.send(stream, accepted.id(), accepted.json()));
                } else {
                    ParsedRecord.Rejected reject = (ParsedRecord.Rejected) parsed;
                    rejects.write(raw, reject);
                    metrics.rejected(reject.reason());
                    rejected++;
                    LOG.debug("{} record {} (line {}) rejected: {}", file.getFileName(), raw.number(), raw.line(), reject.message());
                }
            }
            producer.flush();
            acks.awaitAll(ackTimeout);
            rejects.commit();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new FileOutcome(read, acks.produced(), rejected, acks.failed(), acks.failures(),
                    "reading stopped at record " + read + ": " + Reasons.of(e));
        }
        return new FileOutcome(read, acks.produced(), rejected, acks.failed(), acks.failures(), null);
    }

}
