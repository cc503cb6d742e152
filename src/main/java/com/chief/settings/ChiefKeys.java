package com.chief.settings;

import static com.chief.settings.SettingType.BOOLEAN;
import static com.chief.settings.SettingType.DOUBLE;
import static com.chief.settings.SettingType.INT;
import static com.chief.settings.SettingType.LIST;
import static com.chief.settings.SettingType.LONG;
import static com.chief.settings.SettingType.MILLIS;
import static com.chief.settings.SettingType.OPTIONAL_LONG;
import static com.chief.settings.SettingType.PATH;
import static com.chief.settings.SettingType.POSITIVE_INT;
import static com.chief.settings.SettingType.TEXT;
import static com.chief.settings.SettingType.URL;
import static com.chief.settings.SettingType.oneOf;
import static com.chief.settings.SettingType.oneOfAnyCase;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code chief.*} setting, in the manner of Kafka's ConfigDef: key, type (with its rule), default,
 * meaning. Java reads settings through these keys ({@link Settings}); routes name them in placeholders.
 * Rules between keys (an IAM login needs a wrapper URL, retention no shorter than the dedupe window)
 * stay with the code that combines them. SettingsReferenceTest holds the jar's application.properties
 * and docs/operations.md to this table.
 */
public final class ChiefKeys {

    private static final List<SettingKey<?>> ALL = new ArrayList<>();

    /** Empty: that password is not taken from Secrets Manager. */
    private static final SettingType<String> SECRET_ARN = TEXT.where(text -> text.isEmpty() || text.startsWith("arn:"),
            "a secret's ARN (arn:aws:secretsmanager:...)");

    // --- profile, data, latency, memory
    public static final SettingKey<String> PROFILE = define("chief.profile", oneOf("local", "aws"), "local",
            "local: embedded stack for every system without an endpoint; aws: real AWS");
    public static final SettingKey<Path> DATA_DIR = define("chief.data-dir", PATH, "data", "all local data");
    public static final SettingKey<Path> ROUTES_DIR = define("chief.routes.dir", PATH, "routes", "YAML route overlays");
    public static final SettingKey<Boolean> ROUTES_RELOAD = define("chief.routes.reload", BOOLEAN, "false",
            "reload a saved YAML file's routes");
    public static final SettingKey<String> LATENCY = define("chief.latency", oneOf("balanced", "low"), "balanced",
            "low: the latency-low profile of defaults; read before Camel");
    public static final SettingKey<String> JVM_MAX_HEAP = define("chief.jvm.max-heap", TEXT, "640m",
            "-Xmx of the child JVM Chief starts without a heap setting; empty: none; read before Camel");

    // --- intake
    public static final SettingKey<Path> INTAKE_ORDERS_DIR = define("chief.intake.orders-dir", PATH,
            "{{chief.data-dir}}/inbox/orders", "orders drop folder");
    public static final SettingKey<Path> INTAKE_JOB_RESULTS_DIR = define("chief.intake.job-results-dir", PATH,
            "{{chief.data-dir}}/inbox/job-results", "job results drop folder");
    public static final SettingKey<Path> INTAKE_ARCHIVE_DIR = define("chief.intake.archive-dir", PATH,
            "{{chief.data-dir}}/archive/intake", "files whose records Kinesis all accepted");
    public static final SettingKey<Path> INTAKE_ERROR_DIR = define("chief.intake.error-dir", PATH,
            "{{chief.data-dir}}/error/intake", "files that could not be processed");
    public static final SettingKey<Path> INTAKE_REJECTED_DIR = define("chief.intake.rejected-dir", PATH,
            "{{chief.data-dir}}/rejected", "invalid records, one rejects file per input file");
    public static final SettingKey<Integer> INTAKE_MAX_ATTEMPTS = define("chief.intake.max-attempts", INT, "5",
            "attempts at a file Kinesis did not fully accept");
    public static final SettingKey<Long> INTAKE_RETRY_DELAY_MS = define("chief.intake.retry-delay-ms", LONG, "10000",
            "first pause between a file's attempts (doubling)");
    public static final SettingKey<Integer> INTAKE_MAX_RECORD_CHARS = define("chief.intake.max-record-chars", INT,
            "1000000", "the longest record read");
    public static final SettingKey<Long> INTAKE_LOCK_EXPIRY_MS = define("chief.intake.lock-expiry-ms", LONG, "30000",
            "how long a file's read lock outlives an instance that died reading it");
    public static final SettingKey<Long> INTAKE_POLL_DELAY_MS = define("chief.intake.poll-delay-ms", LONG, "250",
            "pause between scans of a drop folder");
    public static final SettingKey<Long> INTAKE_READ_LOCK_CHECK_MS = define("chief.intake.read-lock-check-ms", LONG,
            "250", "how long a file must not grow before it is read");
    public static final SettingKey<Integer> INTAKE_PARALLEL_FILES = define("chief.intake.parallel-files", INT, "3",
            "worker threads reading one drop folder's files");
    public static final SettingKey<String> INTAKE_ORDERS_S3_INBOX = define("chief.intake.orders-s3-inbox", TEXT, "",
            "bucket/prefix read as an orders inbox; empty: none");
    public static final SettingKey<String> INTAKE_JOB_RESULTS_S3_INBOX = define("chief.intake.job-results-s3-inbox",
            TEXT, "", "bucket/prefix read as a job results inbox; empty: none");
    public static final SettingKey<String> INTAKE_S3_ARCHIVE_PREFIX = define("chief.intake.s3-archive-prefix", TEXT,
            "intake/archive/", "where an S3 inbox's read objects go");
    public static final SettingKey<String> INTAKE_S3_ERROR_PREFIX = define("chief.intake.s3-error-prefix", TEXT,
            "intake/error/", "where an S3 inbox's unreadable objects go");
    public static final SettingKey<Long> INTAKE_S3_POLL_DELAY_MS = define("chief.intake.s3-poll-delay-ms", LONG, "5000",
            "pause between listings of an S3 inbox");
    public static final SettingKey<Path> REFERENCE_DATA = define("chief.reference-data", PATH, "reference-data.yaml",
            "designs, materials, sizes, stores, zones");

    // --- demo feed
    public static final SettingKey<Boolean> DEMO_ENABLED = define("chief.demo.enabled", BOOLEAN, "false",
            "demo feed of generated orders");
    public static final SettingKey<Long> DEMO_INTERVAL_MS = define("chief.demo.interval-ms", LONG, "5000",
            "pause between the demo feed's batches");
    public static final SettingKey<Integer> DEMO_BATCH_SIZE = define("chief.demo.batch-size", POSITIVE_INT, "20",
            "orders per demo batch");

    // --- AWS and Kinesis
    public static final SettingKey<String> AWS_REGION = define("chief.aws.region", TEXT, "us-east-1", "the AWS region");
    public static final SettingKey<Boolean> AWS_CREATE_RESOURCES = define("chief.aws.create-resources", BOOLEAN, "false",
            "create streams, bucket, index templates, tables at startup");
    public static final SettingKey<Optional<URI>> KINESIS_ENDPOINT = define("chief.kinesis.endpoint", URL, "",
            "empty: embedded emulator (local) or AWS");
    public static final SettingKey<String> KINESIS_ORDERS_STREAM = define("chief.kinesis.orders-stream", TEXT,
            "OrdersStream", "the orders stream");
    public static final SettingKey<Integer> KINESIS_ORDERS_SHARDS = define("chief.kinesis.orders-shards", INT, "4",
            "the orders stream's shards when Chief creates it");
    public static final SettingKey<String> KINESIS_JOB_RESULTS_STREAM = define("chief.kinesis.job-results-stream", TEXT,
            "JobResultsStream", "the job results stream");
    public static final SettingKey<Integer> KINESIS_JOB_RESULTS_SHARDS = define("chief.kinesis.job-results-shards", INT,
            "2", "the job results stream's shards when Chief creates it");
    public static final SettingKey<Integer> KINESIS_POLL_MAX_RECORDS = define("chief.kinesis.poll-max-records", INT,
            "500", "records per GetRecords call");
    public static final SettingKey<Long> KINESIS_POLL_DELAY_MS = define("chief.kinesis.poll-delay-ms", LONG, "1000",
            "pause between polls of a shard, per application");
    public static final SettingKey<Optional<Long>> KINESIS_SEARCH_POLL_DELAY_MS = define("chief.kinesis.search-poll-delay-ms",
            OPTIONAL_LONG, "", "the search applications' own pause between polls; empty: chief.kinesis.poll-delay-ms");

    // --- Kinesis producer (KPL)
    public static final SettingKey<Optional<URI>> PRODUCER_ENDPOINT = define("chief.kinesis.producer.endpoint", URL, "",
            "the KPL's Kinesis endpoint; empty: the emulator's TLS port, chief.kinesis.endpoint's host, or AWS");
    public static final SettingKey<Optional<URI>> PRODUCER_STS_ENDPOINT = define("chief.kinesis.producer.sts-endpoint",
            URL, "", "the KPL's STS endpoint; empty: the embedded stub (local) or AWS");
    public static final SettingKey<Boolean> PRODUCER_VERIFY_CERTIFICATE = define(
            "chief.kinesis.producer.verify-certificate", BOOLEAN, "true", "check TLS certificates (not the emulator's)");
    public static final SettingKey<Boolean> PRODUCER_AGGREGATION_ENABLED = define(
            "chief.kinesis.producer.aggregation-enabled", BOOLEAN, "true", "pack many orders into one Kinesis record");
    public static final SettingKey<Long> PRODUCER_RECORD_MAX_BUFFERED_TIME_MS = define(
            "chief.kinesis.producer.record-max-buffered-time-ms", LONG, "100", "how long the KPL may hold a record");
    public static final SettingKey<Long> PRODUCER_RATE_LIMIT = define("chief.kinesis.producer.rate-limit", LONG, "150",
            "per-shard rate limit, percent of the shard's");
    public static final SettingKey<Long> PRODUCER_RECORD_TTL_MS = define("chief.kinesis.producer.record-ttl-ms", LONG,
            "30000", "the KPL's retry window per record");
    public static final SettingKey<Long> PRODUCER_MAX_CONNECTIONS = define("chief.kinesis.producer.max-connections",
            LONG, "24", "the KPL's connections");
    public static final SettingKey<Long> PRODUCER_REQUEST_TIMEOUT_MS = define("chief.kinesis.producer.request-timeout-ms",
            LONG, "6000", "the KPL's request timeout");
    public static final SettingKey<Integer> PRODUCER_MAX_OUTSTANDING_RECORDS = define(
            "chief.kinesis.producer.max-outstanding-records", INT, "10000", "records in flight before readers wait");
    public static final SettingKey<Integer> PRODUCER_MAX_OUTSTANDING_BYTES = define(
            "chief.kinesis.producer.max-outstanding-bytes", INT, "67108864", "bytes in flight before readers wait");
    public static final SettingKey<Integer> PRODUCER_MAX_ATTEMPTS = define("chief.kinesis.producer.max-attempts", INT,
            "3", "attempts per record, Chief's re-sends included");

    // --- consuming applications
    public static final SettingKey<List<String>> CONSUMER_APPLICATIONS = define("chief.consumer.applications", LIST,
            "all", "the consuming applications this instance runs: all, or their names");
    public static final SettingKey<String> CONSUMER_START_AT = define("chief.consumer.start-at",
            oneOf("TRIM_HORIZON", "LATEST"), "TRIM_HORIZON", "where a new application starts reading");
    public static final SettingKey<Integer> CONSUMER_BATCH_SIZE = define("chief.consumer.batch-size", INT, "500",
            "user records per batch handed to a route");
    public static final SettingKey<Long> CONSUMER_MAX_BACKOFF_MS = define("chief.consumer.max-backoff-ms", LONG, "30000",
            "longest pause between attempts at a failing batch");
    public static final SettingKey<Integer> CONSUMER_POISON_ATTEMPTS = define("chief.consumer.poison-attempts", INT, "3",
            "failures before a batch is split, and a record alone is dead-lettered");
    public static final SettingKey<String> CONSUMER_ENGINE = define("chief.consumer.engine",
            oneOfAnyCase("polling", "kcl"), "polling", "polling: Chief's reader; kcl: KCL leases in DynamoDB");
    public static final SettingKey<Duration> CONSUMER_OWNERSHIP_HEARTBEAT_MS = define(
            "chief.consumer.ownership.heartbeat-ms", MILLIS, "10000", "polling engine: ownership row heartbeat");
    public static final SettingKey<Duration> CONSUMER_OWNERSHIP_STALE_AFTER_MS = define(
            "chief.consumer.ownership.stale-after-ms", MILLIS, "30000",
            "polling engine: silence after which another instance takes over");
    public static final SettingKey<String> KCL_APPLICATION_PREFIX = define("chief.consumer.kcl.application-prefix",
            TEXT, "chief-", "KCL application and lease table name prefix");
    public static final SettingKey<String> KCL_WORKER_ID = define("chief.consumer.kcl.worker-id", TEXT, "",
            "this instance's KCL worker id; empty: host:pid:random");
    public static final SettingKey<String> KCL_RETRIEVAL = define("chief.consumer.kcl.retrieval",
            oneOfAnyCase("polling", "fanout"), "polling", "GetRecords, or enhanced fan-out (AWS)");
    public static final SettingKey<String> KCL_CLOUDWATCH_METRICS = define("chief.consumer.kcl.cloudwatch-metrics",
            oneOfAnyCase("NONE", "SUMMARY", "DETAILED"), "NONE", "KCL's CloudWatch metrics");
    public static final SettingKey<Duration> KCL_FAILOVER_TIME_MS = define("chief.consumer.kcl.failover-time-ms",
            MILLIS, "10000", "a lease not renewed this long is taken over");
    public static final SettingKey<Duration> KCL_SHARD_SYNC_INTERVAL_MS = define(
            "chief.consumer.kcl.shard-sync-interval-ms", MILLIS, "60000", "the leader's shard sync");
    public static final SettingKey<String> KCL_BILLING_MODE = define("chief.consumer.kcl.billing-mode",
            oneOfAnyCase("PAY_PER_REQUEST", "PROVISIONED"), "PAY_PER_REQUEST", "billing mode of KCL's tables");
    public static final SettingKey<String> KCL_LEASE_ASSIGNMENT = define("chief.consumer.kcl.lease-assignment",
            oneOfAnyCase("count", "throughput"), "count", "count: KCL's lease taker; throughput: KCL 3's leader");
    public static final SettingKey<Boolean> KCL_QUICK_FIRST_START = define("chief.consumer.kcl.quick-first-start",
            BOOLEAN, "false", "skip KCL's random wait before a new application's first lease sync");
    public static final SettingKey<Optional<URI>> DYNAMODB_ENDPOINT = define("chief.dynamodb.endpoint", URL, "",
            "DynamoDB for KCL; empty: embedded dynalite (local with kcl) or AWS");
    public static final SettingKey<Integer> DEDUPE_RETENTION_DAYS = define("chief.dedupe.retention-days", POSITIVE_INT,
            "7", "how long processed ids are remembered for dedupe");
    public static final SettingKey<Path> DEAD_LETTER_DIR = define("chief.dead-letter-dir", PATH,
            "{{chief.data-dir}}/dead-letter", "records set aside, one file each with the reason");

    // --- robo-tailors
    public static final SettingKey<Double> TAILOR_SPEED_FACTOR = define("chief.tailor.speed-factor", DOUBLE, "3600",
            "3600: a factory hour per second");
    public static final SettingKey<Double> TAILOR_FAILURE_RATE = define("chief.tailor.failure-rate", DOUBLE, "0.02",
            "share of jobs that fail");
    public static final SettingKey<Long> TAILOR_SEED = define("chief.tailor.seed", LONG, "2017",
            "with a job's id, decides whether it fails");
    public static final SettingKey<Double> TAILOR_PROMISE_HOURS = define("chief.tailor.promise-hours", DOUBLE, "24",
            "the promise (SLA)");
    public static final SettingKey<Integer> TAILOR_MAX_JOBS_IN_FLIGHT = define("chief.tailor.max-jobs-in-flight", INT,
            "2000", "jobs queued or running at most");
    public static final SettingKey<Path> OUTBOX_OPERATIONS_DIR = define("chief.outbox.operations-dir", PATH,
            "{{chief.data-dir}}/outbox/operations", "SLA breach notices");

    // --- customer notifications
    public static final SettingKey<String> NOTIFY_CHANNEL = define("chief.notify.channel",
            oneOf("outbox", "webhook", "smtp", "ses", "sns"), "outbox", "how customers are told");
    public static final SettingKey<Path> NOTIFY_OUTBOX_DIR = define("chief.notify.outbox-dir", PATH,
            "{{chief.data-dir}}/outbox/customers", "the outbox channel's folder");
    public static final SettingKey<Optional<URI>> NOTIFY_WEBHOOK_URL = define("chief.notify.webhook-url", URL,
            "http://127.0.0.1:9/not-configured", "the webhook channel's URL");
    public static final SettingKey<String> NOTIFY_SMTP_HOST = define("chief.notify.smtp-host", TEXT, "127.0.0.1",
            "the smtp channel's server");
    public static final SettingKey<Integer> NOTIFY_SMTP_PORT = define("chief.notify.smtp-port", INT, "25",
            "the smtp channel's server port");
    public static final SettingKey<String> NOTIFY_SNS_TOPIC_ARN = define("chief.notify.sns-topic-arn", TEXT,
            "arn:aws:sns:us-east-1:000000000000:not-configured", "the sns channel's topic");
    public static final SettingKey<Optional<URI>> NOTIFY_SES_ENDPOINT = define("chief.notify.ses-endpoint", URL, "",
            "SES endpoint; empty: AWS");
    public static final SettingKey<Optional<URI>> NOTIFY_SNS_ENDPOINT = define("chief.notify.sns-endpoint", URL, "",
            "SNS endpoint; empty: AWS");
    public static final SettingKey<String> NOTIFY_FROM = define("chief.notify.from", TEXT, "orders@chief.example",
            "sender of e-mails");
    public static final SettingKey<Path> NOTIFY_TEMPLATES_DIR = define("chief.notify.templates-dir", PATH, "templates",
            "message templates; the jar's where missing");
    public static final SettingKey<Integer> NOTIFY_ATTEMPTS = define("chief.notify.attempts", INT, "3",
            "attempts per message before it is held for retry");
    public static final SettingKey<Long> NOTIFY_RETRY_DELAY_MS = define("chief.notify.retry-delay-ms", LONG, "1000",
            "first pause between a message's attempts (doubling)");
    public static final SettingKey<Duration> NOTIFY_RETRY_DURATION_MS = define("chief.notify.retry-duration-ms", MILLIS,
            "300000", "how long a refused message is retried before it is dead-lettered");
    public static final SettingKey<Path> KAMELETS_DIR = define("chief.kamelets.dir", PATH, "kamelets",
            "Chief's own Kamelets");

    // --- S3 and the archive
    public static final SettingKey<Optional<URI>> S3_ENDPOINT = define("chief.s3.endpoint", URL, "",
            "empty: embedded S3Proxy (local) or AWS");
    public static final SettingKey<String> S3_BUCKET = define("chief.s3.bucket", TEXT, "chief-archive", "the bucket");
    public static final SettingKey<Boolean> S3_PATH_STYLE = define("chief.s3.path-style", BOOLEAN, "false",
            "path-style addressing (always for the embedded S3)");
    public static final SettingKey<Boolean> S3_USE_KMS = define("chief.s3.use-kms", BOOLEAN, "false",
            "SSE-KMS for archive objects");
    public static final SettingKey<String> S3_KMS_KEY_ID = define("chief.s3.kms-key-id", TEXT, "",
            "the SSE-KMS key; empty: the account's aws/s3 key");
    public static final SettingKey<Integer> ARCHIVE_MAX_RECORDS = define("chief.archive.max-records", INT, "5000",
            "records that make an archive object");
    public static final SettingKey<Long> ARCHIVE_MAX_BYTES = define("chief.archive.max-bytes", LONG, "5000000",
            "bytes that make an archive object");
    public static final SettingKey<Long> ARCHIVE_MAX_AGE_MS = define("chief.archive.max-age-ms", LONG, "10000",
            "age of its first record that makes an archive object");
    public static final SettingKey<Boolean> ARCHIVE_GZIP = define("chief.archive.gzip", BOOLEAN, "false",
            "gzip archive objects");

    // --- search
    public static final SettingKey<String> SEARCH_ENGINE = define("chief.search.engine",
            oneOf("opensearch", "elasticsearch"), "opensearch", "the search engine (its Camel component)");
    public static final SettingKey<Optional<URI>> SEARCH_URL = define("chief.search.url", URL, "",
            "empty: embedded OpenSearch (local); required (aws)");
    public static final SettingKey<String> SEARCH_USER = define("chief.search.user", TEXT, "", "basic-auth user");
    public static final SettingKey<String> SEARCH_PASSWORD = define("chief.search.password", TEXT, "",
            "basic-auth password (CHIEF_SEARCH_PASSWORD)");
    public static final SettingKey<String> SEARCH_AUTH = define("chief.search.auth", oneOf("basic", "sigv4"), "basic",
            "basic: the login; sigv4: requests signed with the AWS credentials");
    public static final SettingKey<String> SEARCH_SIGV4_SERVICE = define("chief.search.sigv4-service", oneOf("es", "aoss"),
            "es", "what sigv4 signs for: OpenSearch Service or Serverless");
    public static final SettingKey<String> SEARCH_INDEX_DATE_PATTERN = define("chief.search.index-date-pattern", TEXT,
            "yyyy.MM", "time part of index names");
    public static final SettingKey<String> SEARCH_ORDERS_INDEX = define("chief.search.orders-index", TEXT,
            "chief-orders", "orders index name");
    public static final SettingKey<String> SEARCH_JOB_STATUS_INDEX = define("chief.search.job-status-index", TEXT,
            "chief-job-status", "job status index name");
    public static final SettingKey<String> SEARCH_JOB_HISTORY_INDEX = define("chief.search.job-history-index", TEXT,
            "chief-job-history", "job history index name");
    public static final SettingKey<Duration> SEARCH_RETRY_DURATION_MS = define("chief.search.retry-duration-ms", MILLIS,
            "300000", "how long a refused item is retried before it is dead-lettered");
    public static final SettingKey<String> SEARCH_REFRESH_INTERVAL = define("chief.search.refresh-interval", TEXT,
            "500ms", "index.refresh_interval; empty: the engine's own");

    // --- database
    public static final SettingKey<String> DB_URL = define("chief.db.url", TEXT, "",
            "JDBC URL; empty: embedded MariaDB (local); required (aws)");
    public static final SettingKey<String> DB_USER = define("chief.db.user", TEXT, "", "database user");
    public static final SettingKey<String> DB_PASSWORD = define("chief.db.password", TEXT, "",
            "database password (CHIEF_DB_PASSWORD)");
    public static final SettingKey<String> DB_AUTH = define("chief.db.auth", oneOf("password", "iam"), "password",
            "password, or an IAM token per connection");
    public static final SettingKey<String> DB_WRAPPER_PLUGINS = define("chief.db.wrapper-plugins", TEXT,
            "auroraConnectionTracker,failover2,efm2", "the AWS JDBC Wrapper's plugins");
    public static final SettingKey<Integer> DB_IAM_TOKEN_SECONDS = define("chief.db.iam-token-seconds", INT, "600",
            "how long an IAM token is reused");

    // --- secrets
    public static final SettingKey<String> SECRETS_SOURCE = define("chief.secrets.source",
            oneOf("environment", "secretsmanager"), "environment", "where the passwords come from");
    public static final SettingKey<String> SECRETS_DB_PASSWORD_ARN = define("chief.secrets.db-password-arn", SECRET_ARN, "",
            "the database password's secret");
    public static final SettingKey<String> SECRETS_SEARCH_PASSWORD_ARN = define("chief.secrets.search-password-arn",
            SECRET_ARN, "", "the search password's secret");
    public static final SettingKey<String> SECRETS_SMTP_PASSWORD_ARN = define("chief.secrets.smtp-password-arn",
            SECRET_ARN, "", "the SMTP password's secret");
    public static final SettingKey<Long> SECRETS_REFRESH_SECONDS = define("chief.secrets.refresh-seconds",
            LONG.where(seconds -> seconds >= 1, "1 or more"), "300", "how often the secrets are read again");
    public static final SettingKey<Optional<URI>> SECRETS_ENDPOINT = define("chief.secrets.endpoint", URL, "",
            "Secrets Manager endpoint; empty: the region's");

    // --- Aurora load
    public static final SettingKey<Boolean> AURORA_ENABLED = define("chief.aurora.enabled", BOOLEAN, "true",
            "the archive load into the database");
    public static final SettingKey<String> AURORA_CRON = define("chief.aurora.cron", TEXT, "0 0/5 * * * ?",
            "the archive load's Quartz cron");
    public static final SettingKey<String> AURORA_LOAD_MODE = define("chief.aurora.load-mode",
            oneOf("rows", "load-data-from-s3"), "rows", "JDBC batches, or Aurora's LOAD DATA FROM S3");
    public static final SettingKey<Integer> AURORA_LEASE_SECONDS = define("chief.aurora.lease-seconds", INT, "30",
            "the one-loader lease's expiry");
    public static final SettingKey<Integer> AURORA_BATCH_SIZE = define("chief.aurora.batch-size", INT, "1000",
            "rows per transaction");

    // --- retention
    public static final SettingKey<Boolean> RETENTION_ENABLED = define("chief.retention.enabled", BOOLEAN, "true",
            "the scheduled purge");
    public static final SettingKey<String> RETENTION_CRON = define("chief.retention.cron", TEXT, "0 17 * * * ?",
            "the scheduled purge's Quartz cron");
    public static final SettingKey<Integer> RETENTION_BATCH_SIZE = define("chief.retention.batch-size", POSITIVE_INT,
            "1000", "rows deleted per transaction");
    public static final SettingKey<Integer> RETENTION_OUTBOX_DAYS = define("chief.retention.outbox-days", POSITIVE_INT,
            "7", "days kept: acknowledged job result intents");
    public static final SettingKey<Integer> RETENTION_JOBS_DAYS = define("chief.retention.jobs-days", POSITIVE_INT,
            "30", "days kept: finished tailor_job rows");
    public static final SettingKey<Integer> RETENTION_NOTIFICATIONS_DAYS = define("chief.retention.notifications-days",
            POSITIVE_INT, "30", "days kept: notification_sent rows");
    public static final SettingKey<Integer> RETENTION_FINAL_STATUSES_DAYS = define("chief.retention.final-statuses-days",
            POSITIVE_INT, "30", "days kept: order_final_status rows");
    public static final SettingKey<Integer> RETENTION_LOAD_MANIFEST_DAYS = define("chief.retention.load-manifest-days",
            POSITIVE_INT, "30", "days kept: load_manifest rows of loaded objects");
    public static final SettingKey<Integer> RETENTION_LOAD_REJECTED_LINES_DAYS = define("chief.retention.load-rejected-lines-days",
            POSITIVE_INT, "30", "days kept: load_rejected_line rows");
    public static final SettingKey<Integer> RETENTION_INTAKE_LOCKS_DAYS = define("chief.retention.intake-locks-days",
            POSITIVE_INT, "1", "days kept: intake_file_lock rows no reader renewed");
    public static final SettingKey<Integer> RETENTION_INTAKE_ARCHIVE_DAYS = define("chief.retention.intake-archive-days",
            POSITIVE_INT, "30", "days kept: files in chief.intake.archive-dir");
    public static final SettingKey<Integer> RETENTION_INTAKE_ERROR_DAYS = define("chief.retention.intake-error-days",
            POSITIVE_INT, "30", "days kept: files in chief.intake.error-dir");
    public static final SettingKey<Integer> RETENTION_REJECTED_DAYS = define("chief.retention.rejected-days",
            POSITIVE_INT, "30", "days kept: files in chief.intake.rejected-dir");
    public static final SettingKey<Integer> RETENTION_DEAD_LETTER_DAYS = define("chief.retention.dead-letter-days",
            POSITIVE_INT, "30", "days kept: files in chief.dead-letter-dir");
    public static final SettingKey<Integer> RETENTION_CUSTOMER_OUTBOX_DAYS = define("chief.retention.customer-outbox-days",
            POSITIVE_INT, "30", "days kept: files in chief.notify.outbox-dir");
    public static final SettingKey<Integer> RETENTION_OPERATIONS_OUTBOX_DAYS = define("chief.retention.operations-outbox-days",
            POSITIVE_INT, "30", "days kept: files in chief.outbox.operations-dir");

    // --- reconciliation
    public static final SettingKey<String> RECONCILE_CRON = define("chief.reconcile.cron", TEXT, "0 0 * * * ?",
            "the scheduled reconciliation's Quartz cron");
    public static final SettingKey<Integer> RECONCILE_WINDOW_HOURS = define("chief.reconcile.window-hours", INT, "48",
            "arrival hours a scheduled run checks");
    public static final SettingKey<Long> RECONCILE_SETTLE_SECONDS = define("chief.reconcile.settle-seconds", LONG, "900",
            "an hour with a younger archive object is pending");
    public static final SettingKey<Long> RECONCILE_RECHECK_HOURS = define("chief.reconcile.recheck-hours", LONG, "24",
            "every hour is read again once the last full run is this old");

    // --- management HTTP
    public static final SettingKey<String> MANAGEMENT_HOST = define("chief.management.host", TEXT, "127.0.0.1",
            "management HTTP host: health, metrics, Jolokia, status page");
    public static final SettingKey<Integer> MANAGEMENT_PORT = define("chief.management.port", INT, "8080",
            "management HTTP port");
    public static final SettingKey<String> MANAGEMENT_USER = define("chief.management.user", TEXT, "", "Jolokia login");
    public static final SettingKey<String> MANAGEMENT_PASSWORD = define("chief.management.password", TEXT, "",
            "the Jolokia login's password (CHIEF_MANAGEMENT_PASSWORD)");
    public static final SettingKey<List<String>> MANAGEMENT_REMOTE_HOSTS = define("chief.management.remote-hosts", LIST,
            "127.0.0.1,::1", "clients Jolokia answers");
    public static final SettingKey<List<String>> MANAGEMENT_ALLOWED_ORIGINS = define("chief.management.allowed-origins",
            LIST, "http://127.0.0.1:{{chief.management.port}},http://localhost:{{chief.management.port}},"
                    + "http://127.0.0.1:8090,http://localhost:8090", "browser pages Jolokia answers");

    // --- the local profile's embedded stack
    public static final SettingKey<String> LOCAL_NODE_COMMAND = define("chief.local.node-command", TEXT, "node",
            "node for the Kinesis emulator and dynalite");
    public static final SettingKey<Integer> LOCAL_KINESIS_PORT = define("chief.local.kinesis-port", INT, "4568",
            "Kinesis emulator");
    public static final SettingKey<Integer> LOCAL_KINESIS_TLS_PORT = define("chief.local.kinesis-tls-port", INT, "4567",
            "Kinesis emulator over TLS, for the KPL");
    public static final SettingKey<Integer> LOCAL_STS_PORT = define("chief.local.sts-port", INT, "4569",
            "STS stub the KPL asks at start");
    public static final SettingKey<Integer> LOCAL_DYNAMODB_PORT = define("chief.local.dynamodb-port", INT, "4570",
            "dynalite");
    public static final SettingKey<Integer> LOCAL_S3_PORT = define("chief.local.s3-port", INT, "9000", "S3Proxy");
    public static final SettingKey<Integer> LOCAL_SEARCH_PORT = define("chief.local.search-port", INT, "9200",
            "OpenSearch HTTP");
    public static final SettingKey<Integer> LOCAL_SEARCH_TRANSPORT_PORT = define("chief.local.search-transport-port",
            INT, "9300", "OpenSearch transport");
    public static final SettingKey<Integer> LOCAL_DB_PORT = define("chief.local.db-port", INT, "3307", "MariaDB");

    private ChiefKeys() {
    }

    /** Every key, in the order declared. */
    public static List<SettingKey<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    private static <T> SettingKey<T> define(String name, SettingType<T> type, String defaultValue, String description) {
        SettingKey<T> key = new SettingKey<>(name, type, defaultValue, description);
        ALL.add(key);
        return key;
    }
}
