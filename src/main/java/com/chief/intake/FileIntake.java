package com.chief.intake;

import com.chief.health.Reasons;
import com.chief.kinesis.RecordProducer;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one drop-folder file through: streams its records, rejects the invalid ones with their
 * reasons, produces the valid ones, and waits until Kinesis has acknowledged every one of them
 * before archiving the file. Kinesis's failures, I/O errors (reading the file, writing its rejects)
 * and a failed archive move are retried: the file stays in the inbox for a later attempt (records
 * already sent are sent again; the consumers' dedupe absorbs that), and after the last attempt it
 * goes to the error folder with a reason file. A file that can never be read through (not text, a
 * link, a corrupt gzip, a broken record with no boundary after it) goes there at once.
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

    void process(Path file) throws InterruptedException {
        process(new FolderSource(file, folders));
    }

    /** Takes one source through; what happens to it (archive, retry, error) is logged and counted here. */
    public void process(IntakeSource source) throws InterruptedException {
        String name = source.name();
        if (!source.exists()) {
            // another instance on a shared inbox finished it between this one's listing and its read lock
            LOG.debug("{}: no longer in {}, taken by another instance", name, inbox);
            return;
        }
        Instant started = Instant.now();
        FileOutcome outcome = ingest(source);
        metrics.timed(source.writtenAt(), started, Instant.now());
        metrics.records("read", outcome.read());
        metrics.records("produced", outcome.produced());
        metrics.records("rejected", outcome.rejected());
        metrics.records("failed", outcome.failed());
        String counts = outcome.read() + " read, " + outcome.produced() + " produced to " + stream + ", "
                + outcome.rejected() + " rejected";
        String problem = outcome.problem();
        if (outcome.complete()) {
            try {
                String archived = source.archive();
                retries.done(source.location());
                metrics.file("archived");
                LOG.info("{}: {}{}; archived to {}", name, counts,
                        outcome.rejected() > 0 ? " (reasons in " + folders.rejectedDir().resolve(name + ".rejects.ndjson") + ")" : "",
                        archived);
                return;
            } catch (SourceReplaced replaced) {
                leaveReplaced(source, counts);
                return;
            } catch (IOException | RuntimeException e) {
                problem = "moving it to the archive failed: " + Reasons.of(e);
            }
        } else if (!outcome.retryable()) {
            setAside(source, counts, problem, "it can never be read through");
            return;
        }
        int attempt = retries.failed(source.location());
        if (attempt > 0) {
            metrics.file("retry");
            LOG.warn("{}: {}; {}. It stays in {} for attempt {} of {} in {} s", name, counts, problem,
                    inbox, attempt + 1, retries.maxAttempts(), retries.delayAfter(attempt).toSeconds());
        } else {
            setAside(source, counts, problem, "gave up after " + retries.maxAttempts() + " attempts");
        }
    }

    /** Moves a source to the error place with a reason; if even that fails, hides it until restart rather than loop. */
    private void setAside(IntakeSource source, String counts, String problem, String why) {
        String name = source.name();
        try {
            String failed = source.setAside(counts + System.lineSeparator() + problem);
            retries.done(source.location());
            metrics.file("error");
            LOG.error("{}: {}; {}. Moved to {} with a reason ({})", name, counts, problem, failed, why);
        } catch (SourceReplaced replaced) {
            leaveReplaced(source, counts);
        } catch (IOException | RuntimeException e) {
            retries.giveUp(source.location());
            metrics.file("stuck");
            LOG.error("{}: {}; {}. It cannot be set aside either ({}): left in {} and ignored until Chief restarts",
                    name, counts, problem, Reasons.of(e), inbox);
        }
    }

    /** The file now in the inbox under this name is not the one read: it is left there and read as a new one. */
    private void leaveReplaced(IntakeSource source, String counts) {
        retries.done(source.location());
        metrics.file("replaced");
        LOG.warn("{}: {}; it was replaced under the same name while it was read: the new one stays in {} to be read",
                source.name(), counts, inbox);
    }

    FileOutcome ingest(Path file) throws InterruptedException {
        return ingest(new FolderSource(file, folders));
    }

    FileOutcome ingest(IntakeSource source) throws InterruptedException {
        FileOutcome.Counter counts = new FileOutcome.Counter();
        AckTracker acks = new AckTracker();
        try (Reader reader = source.open(); RejectWriter rejects = folders.rejectWriter(source.name())) {
            String unreadable = readThrough(source.name(), reader, rejects, counts, acks);
            try {
                producer.flush();
                acks.awaitAll(ackTimeout);
            } catch (TimeoutException | RuntimeException e) {
                return counts.failedForNow(acks, Reasons.of(e));
            }
            rejects.commit();
            return unreadable == null ? counts.done(acks) : counts.unreadable(acks, unreadable);
        } catch (ProducerFailed e) {
            return counts.failedForNow(acks, e.getMessage());
        } catch (InboxFile.Unreadable e) {
            return counts.unreadable(acks, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            String problem = "reading stopped at record " + counts.read + ": " + Reasons.of(e);
            return InboxFile.isContentFault(cause) ? counts.unreadable(acks, problem) : counts.failedForNow(acks, problem);
        }
    }

    /** Sends or rejects every record; returns null at the end of the file, or why the rest cannot be split into records. */
    private String readThrough(String name, Reader reader, RejectWriter rejects, FileOutcome.Counter counts, AckTracker acks)
            throws IOException, InterruptedException, ProducerFailed {
        RecordScanner scanner = new RecordScanner(reader, maxRecordChars);
        while (scanner.hasNext()) {
            RawRecord raw = scanner.next();
            counts.read++;
            if (raw.kind() == RawRecord.Kind.UNTERMINATED && raw.truncated()) {
                return "record " + raw.number() + " (line " + raw.line() + ", column " + raw.column() + ") is not closed within "
                        + raw.text().length() + " characters and the file ends inside it: no record boundary after that position";
            }
            ParsedRecord parsed = parse(raw);
            if (parsed instanceof ParsedRecord.Accepted accepted) {
                try {
                    acks.track(accepted.id(), producer.send(stream, accepted.id(), accepted.json()));
                } catch (RuntimeException e) {
                    throw new ProducerFailed("sending record " + raw.number() + " failed: " + Reasons.of(e));
                }
            } else {
                ParsedRecord.Rejected reject = (ParsedRecord.Rejected) parsed;
                rejects.write(raw, reject);
                metrics.rejected(reject.reason());
                counts.rejected++;
                LOG.debug("{} record {} (line {}) rejected: {}", name, raw.number(), raw.line(), reject.message());
            }
        }
        return null;
    }

    /** The producer refused a record outright: worth another attempt, unlike anything wrong with the file. */
    private static final class ProducerFailed extends Exception {
        ProducerFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses one record; whatever goes wrong with it is that record's reject, never the file's failure. */
    private ParsedRecord parse(RawRecord raw) {
        ParsedRecord parsed;
        try {
            parsed = parser.parse(raw);
        } catch (RuntimeException e) {
            LOG.warn("Record {} (line {}) could not be parsed", raw.number(), raw.line(), e);
            return new ParsedRecord.Rejected(RejectReason.INVALID_RECORD, Reasons.of(e));
        }
        if (parsed instanceof ParsedRecord.Accepted accepted) {
            int bytes = accepted.json().length + accepted.id().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > RecordProducer.MAX_RECORD_BYTES) {
                return new ParsedRecord.Rejected(RejectReason.TOO_LARGE, bytes + " bytes as a Kinesis record, more than Kinesis's "
                        + RecordProducer.MAX_RECORD_BYTES);
            }
        }
        return parsed;
    }
}
