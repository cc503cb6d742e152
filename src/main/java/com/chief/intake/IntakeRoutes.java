package com.chief.intake;

import com.chief.config.ChiefSettings;
import java.nio.file.Path;
import org.apache.camel.builder.RouteBuilder;

/**
 * The drop-folder intake, one route per inbox from the {@code intake} template: complete files
 * only (stable size, no dot- or temp-names, so write-then-rename works; empty files too, which are
 * archived with no records rather than waited for), oldest first, each handed to a
 * {@link FileIntake} which archives or keeps it itself. Several files are read at once by worker
 * threads, since each one mostly waits for Kinesis to acknowledge its records; with every worker
 * busy the scanner reads the next file itself, which holds the scan back (no queue of locked files).
 *
 * <p>Instances may share an inbox (a network file system): the read lock is {@code idempotent-changed},
 * a row in the database per file being read ({@link IntakeFileLocks}, keyed by the file's name, so
 * mount points may differ) and the same stable-size check as before. The row goes when the file is
 * done (archived, set aside, or left for a retry), so a file of the same name dropped later is read.
 *
 * <p>An S3 inbox ({@code chief.intake.*-s3-inbox}) is the {@code s3-intake} template: the aws2-s3
 * consumer lists the prefix, takes each object's lock row in the same {@link IntakeFileLocks} table as
 * its {@code inProgressRepository} (added before the object is opened, removed when its exchange
 * completes, renewed while it is read, taken over when its reader died), and hands the open stream to
 * {@link S3Intake}. The consumer neither deletes nor moves: only the intake knows whether the object
 * goes to the archive, to the error prefix, or stays for a retry. An object archived by another
 * instance while this one waited for its lock is gone when this one opens it, and is skipped.
 */
public class IntakeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        routeTemplate("intake")
                .templateParameter("inbox", null, "the drop folder")
                .templateParameter("intake", null, "the FileIntake bean for this folder")
                .templateParameter("retries", null, "its IntakeRetries filter")
                .templateParameter("locks", null, "its IntakeFileLocks, shared by every instance on this inbox")
                .templateParameter("delay", null, "pause between scans, ms")
                .templateParameter("quiet", null, "how long a file must not have grown before it is read, ms")
                .templateParameter("check", null, "how often a file not yet quiet is looked at again, ms")
                .templateParameter("files", null, "worker threads reading files")
                .from("file:{{inbox}}"
                        + "?noop=true"
                        + "&idempotent=false"
                        + "&readLock=idempotent-changed"
                        + "&idempotentRepository=#{{locks}}"
                        + "&idempotentKey=${file:onlyname}"
                        + "&readLockRemoveOnCommit=true"
                        + "&readLockCheckInterval={{check}}"
                        // a file unchanged for this long is taken at once; without it every file costs one check
                        // interval of sleep, one file after another (2 files/s at 500 ms)
                        + "&readLockMinAge={{quiet}}"
                        + "&readLockMinLength=0"
                        + "&antExclude=**/.*,**/*.tmp,**/*.part"
                        + "&filter=#{{retries}}"
                        + "&sortBy=file:modified"
                        + "&delay={{delay}}")
                .threads()
                    .poolSize("{{files}}")
                    .maxPoolSize("{{files}}")
                    .maxQueueSize(0)
                    .callerRunsWhenRejected(true)
                    .threadName("intake")
                .process("{{intake}}");

        routeTemplate("s3-intake")
                .templateParameter("bucket", null, "the inbox's bucket")
                .templateParameter("prefix", null, "the inbox's prefix, empty for the whole bucket")
                .templateParameter("intake", null, "the S3Intake bean for this inbox")
                .templateParameter("locks", null, "its IntakeFileLocks, shared by every instance on this inbox")
                .templateParameter("delay", null, "pause between listings, ms")
                .from("aws2-s3://{{bucket}}"
                        // the one client built in config/AwsClients (endpoint, credentials, timeouts)
                        + "?amazonS3Client=#s3Client"
                        + "&prefix={{prefix}}"
                        // the intake moves the object itself, by outcome (archive, error, or stays for a retry)
                        + "&deleteAfterRead=false"
                        + "&moveAfterRead=false"
                        // stream the body: an object may hold millions of records
                        + "&includeBody=false"
                        + "&autocloseBody=true"
                        + "&includeFolders=false"
                        // one instance reads an object: a lock row per key, held while its exchange runs
                        + "&inProgressRepository=#{{locks}}"
                        // the consumer opens every object of a poll before the first is processed: keep polls small
                        + "&maxMessagesPerPoll=10"
                        + "&delay={{delay}}")
                .process("{{intake}}");

        ChiefSettings.Intake intake = getCamelContext().getRegistry().findSingleByType(ChiefSettings.class).intake();
        fileRoute("intake-orders", intake.ordersDir(), "orderIntake", intake);
        fileRoute("intake-job-results", intake.jobResultsDir(), "jobResultIntake", intake);
        intake.ordersS3().ifPresent(s3 -> s3Route("intake-orders-s3", s3, "orderIntakeS3", intake.s3PollDelayMs()));
        intake.jobResultsS3().ifPresent(s3 -> s3Route("intake-job-results-s3", s3, "jobResultIntakeS3", intake.s3PollDelayMs()));
    }

    /** {@code beans}: the FileIntake bean's name; its retries filter and locks are named after it. */
    private void fileRoute(String routeId, Path inbox, String beans, ChiefSettings.Intake intake) {
        templatedRoute("intake")
                .routeId(routeId)
                .parameter("inbox", inbox.toString())
                .parameter("intake", beans)
                .parameter("retries", beans + "Retries")
                .parameter("locks", beans + "Locks")
                .parameter("delay", String.valueOf(intake.pollDelayMs()))
                .parameter("quiet", String.valueOf(intake.readLockCheckMs()))
                // a fresh file is taken within a fifth of the quiet time after it became quiet, not up to a whole one
                .parameter("check", String.valueOf(Math.max(10, intake.readLockCheckMs() / 5)))
                .parameter("files", String.valueOf(intake.parallelFiles()));
    }

    private void s3Route(String routeId, S3Inbox inbox, String beans, long delayMs) {
        templatedRoute("s3-intake")
                .routeId(routeId)
                .parameter("bucket", inbox.bucket())
                .parameter("prefix", inbox.prefix())
                .parameter("intake", beans)
                .parameter("locks", beans + "Locks")
                .parameter("delay", String.valueOf(delayMs));
    }
}
