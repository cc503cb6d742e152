package com.chief.config;

import static com.chief.settings.ChiefKeys.*;

import com.chief.consume.EngineSettings;
import com.chief.intake.S3Inbox;
import com.chief.local.EmbeddedMariaDb;
import com.chief.retention.FolderRetention;
import com.chief.settings.SettingKey;
import com.chief.settings.Settings;
import com.chief.sink.search.SearchAuthorization;
import com.chief.sink.search.SearchEngine;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Chief's own settings ({@code chief.*}), read once through the key table ({@link com.chief.settings.ChiefKeys})
 * and resolved: in the {@code local} profile every system without a configured endpoint is served by the
 * embedded stack, so the endpoints here are the ones to connect to.
 */
public record ChiefSettings(
        String profile,
        Path dataDir,
        Intake intake,
        String region,
        boolean createResources,
        Kinesis kinesis,
        Producer producer,
        Consumers consumers,
        Tailor tailor,
        Notify notifications,
        S3 s3,
        Search search,
        Database database,
        Aurora aurora,
        Retention retention,
        LocalStackSettings localStack,
        EngineSettings engine) {

    /**
     * Drop folders, absolute (Camel's file options would read relative paths against the inbox);
     * {@code lockExpiryMs}: how long a file's read lock outlives an instance that died reading it;
     * {@code ordersS3}/{@code jobResultsS3}: S3 prefixes read as inboxes too (empty: none);
     * {@code parallelFiles}: worker threads reading a drop folder's files.
     */
    public record Intake(Path ordersDir, Path jobResultsDir, Path archiveDir, Path errorDir, Path rejectedDir,
            Path referenceData, int maxAttempts, long retryDelayMs, int maxRecordChars, long lockExpiryMs,
            Optional<S3Inbox> ordersS3, Optional<S3Inbox> jobResultsS3, long s3PollDelayMs, long pollDelayMs,
            long readLockCheckMs, int parallelFiles) {
    }

    /**
     * An endpoint to talk to: empty for the AWS default of the region. {@code searchPollDelayMs}: the search
     * applications' own pause between polls (the same as {@code pollDelayMs} unless set), so the low-latency
     * setting can give them most of a shard's read budget.
     */
    public record Kinesis(Optional<URI> endpoint, boolean embedded, String ordersStream, int ordersShards,
            String jobResultsStream, int jobResultsShards, int pollMaxRecords, long pollDelayMs, long searchPollDelayMs) {
    }

    /**
     * The KPL: its endpoints as host and port (it always speaks TLS; port 0 = AWS default), buffering,
     * and Chief's own limits on top (records and bytes in flight, attempts per record).
     */
    public record Producer(String kinesisHost, int kinesisPort, String stsHost, int stsPort, boolean verifyCertificate,
            boolean aggregation, long maxBufferedTimeMs, long rateLimit, long recordTtlMs, long maxConnections,
            long requestTimeoutMs, int maxOutstanding, int maxOutstandingBytes, int maxAttempts) {
    }

    /**
     * How the consuming applications read, retry, de-duplicate and set aside what they cannot process;
     * {@code applications}: the names of the consuming applications this instance runs (empty: all),
     * checked against the declared applications when they are wired (ConsumerApplications).
     */
    public record Consumers(String startAt, int batchSize, long maxBackoffMs, int poisonAttempts,
            Path deadLetterDir, Set<String> applications) {
    }

    /**
     * The robo-tailor simulation: speed factor (3600 = a factory hour per second), failure rate, the seed
     * that with a job's id decides whether it fails (the same on every instance and run), the promise.
     */
    public record Tailor(double speedFactor, double failureRate, long seed, double promiseHours, int maxJobsInFlight,
            Path operationsOutbox) {
    }

    /**
     * Customer notifications: the channel (outbox, webhook, smtp, ses, sns), the outbox channel's folder, sender, message templates,
     * attempts per message while the channel is down before it is held for retry, endpoints for SES
     * and SNS (empty: AWS), and how long a message the channel refuses while taking others is retried.
     */
    public record Notify(String channel, Path outboxDir, String from, Path templatesDir, int attempts, long retryDelayMs,
            Optional<URI> sesEndpoint, Optional<URI> snsEndpoint, Duration retryDuration) {
    }

    public record S3(Optional<URI> endpoint, boolean embedded, String bucket, boolean pathStyle, int archiveMaxRecords,
            long archiveMaxBytes, long archiveMaxAgeMs, boolean archiveGzip) {
    }

    /**
     * The search engine: which one, where, and how to log in. {@code user}/{@code password} (basic auth,
     * e.g. Amazon OpenSearch Service's fine-grained access control or an Elasticsearch user) are sent
     * with every request when both are set. {@code retryDuration}: how long an item the engine refuses
     * while taking others is retried before it is dead-lettered.
     */
    public record Search(SearchEngine engine, URI url, boolean embedded, String user, String password, String ordersIndex,
            String jobStatusIndex, String jobHistoryIndex, String indexDatePattern, Duration retryDuration,
            String refreshInterval, SearchAuthorization requestAuth) {

        /** Basic auth from {@code user}/{@code password} (none when either is empty). */
        public Search(SearchEngine engine, URI url, boolean embedded, String user, String password, String ordersIndex,
                String jobStatusIndex, String jobHistoryIndex, String indexDatePattern, Duration retryDuration,
                String refreshInterval) {
            this(engine, url, embedded, user, password, ordersIndex, jobStatusIndex, jobHistoryIndex, indexDatePattern,
                    retryDuration, refreshInterval, SearchAuthorization.basic(user, password));
        }

        /** {@code refreshInterval} empty: the engine's own (1 s, none while a shard is not searched). */
        public Search(SearchEngine engine, URI url, boolean embedded, String user, String password, String ordersIndex,
                String jobStatusIndex, String jobHistoryIndex, String indexDatePattern, Duration retryDuration) {
            this(engine, url, embedded, user, password, ordersIndex, jobStatusIndex, jobHistoryIndex, indexDatePattern,
                    retryDuration, "");
        }

        /** The same engine and indices, reached with another authorization. */
        public Search withRequestAuth(SearchAuthorization auth) {
            return new Search(engine, url, embedded, user, password, ordersIndex, jobStatusIndex, jobHistoryIndex,
                    indexDatePattern, retryDuration, refreshInterval, auth);
        }

        /** The value of the Authorization header, if credentials are configured. */
        public Optional<String> authorization() {
            if (user.isEmpty() || password.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() { // never the password
            return "Search[" + engine.component() + " at " + url + (user.isEmpty() ? "" : " as " + user)
                    + (requestAuth.perRequest() ? ", " + requestAuth : "") + "]";
        }
    }

    /**
     * The database: URL, user, password (empty with {@code auth=iam}), and for a {@code jdbc:aws-wrapper:} URL
     * (the AWS Advanced JDBC Wrapper, for Aurora) the wrapper's plugins, the region an IAM token is signed
     * for and how long the wrapper reuses one before making the next ({@code iamTokenSeconds}, under the
     * token's 15-minute life).
     */
    public record Database(String url, String user, String password, boolean embedded, DatabaseAuth auth,
            String wrapperPlugins, int iamTokenSeconds, String region) {

        public static final String WRAPPER_PREFIX = "jdbc:aws-wrapper:";

        /** A user and password (either may be empty), no wrapper settings. */
        public Database(String url, String user, String password, boolean embedded) {
            this(url, user, password, embedded, DatabaseAuth.PASSWORD, "", 0, "");
        }

        /** The same database with this login (one read from Secrets Manager). */
        public Database withLogin(String loginUser, String secret) {
            return new Database(url, loginUser, secret, embedded, auth, wrapperPlugins, iamTokenSeconds, region);
        }

        /** Whether connections go through the AWS Advanced JDBC Wrapper. */
        public boolean wrapped() {
            return url.startsWith(WRAPPER_PREFIX);
        }

        @Override
        public String toString() { // never the password
            return "Database[" + DataSources.redact(url) + (user.isEmpty() ? "" : " as " + user)
                    + (auth == DatabaseAuth.IAM ? " (IAM)" : "") + "]";
        }
    }

    /** How Chief logs in to the database: a password, or an IAM authentication token made per connection. */
    public enum DatabaseAuth { PASSWORD, IAM }

    /**
     * The scheduled load of the S3 archive into the relational store: mode rows (JDBC batches) or
     * load-data-from-s3 (Aurora reads S3 itself), the lease, the batch.
     */
    public record Aurora(boolean enabled, String loadMode, int leaseSeconds, int batchSize) {

        public boolean loadDataFromS3() {
            return "load-data-from-s3".equals(loadMode);
        }
    }

    /**
     * How long what grows is kept (the scheduled purge, {@code retention/}): the dedupe ids, the finished
     * rows of each table, and the files of each folder Chief writes to (never an inbox). The idempotence
     * records (dedupe, jobs, notifications, final statuses) are what keeps a record that comes back from
     * being made or told twice, so none is kept shorter than the dedupe ids ({@link #from} refuses it).
     */
    public record Retention(boolean enabled, int batchSize, Duration dedupe, Duration outbox, Duration jobs,
            Duration notifications, Duration finalStatuses, Duration loadManifest, Duration loadRejectedLines,
            Duration intakeLocks, List<FolderRetention> folders) {
    }

    public record LocalStackSettings(String nodeCommand, int kinesisPort, int kinesisTlsPort, int stsPort,
            int s3Port, int searchPort, int searchTransportPort, int dbPort) {
    }

    public boolean local() {
        return "local".equals(profile);
    }

    /** The same settings with another search engine login (a password from Secrets Manager). */
    public ChiefSettings withSearch(Search other) {
        return new ChiefSettings(profile, dataDir, intake, region, createResources, kinesis, producer, consumers, tailor,
                notifications, s3, other, database, aurora, retention, localStack, engine);
    }

    /** Whether streams, bucket, index templates and tables are created at startup. */
    public boolean bootstrapResources() {
        return local() || createResources;
    }

    public static ChiefSettings from(PropertiesComponent properties) {
        Settings p = new Settings(properties);
        String profile = p.get(PROFILE);
        boolean local = "local".equals(profile);
        Path dataDir = p.get(DATA_DIR);
        Intake intake = new Intake(p.get(INTAKE_ORDERS_DIR), p.get(INTAKE_JOB_RESULTS_DIR), p.get(INTAKE_ARCHIVE_DIR),
                p.get(INTAKE_ERROR_DIR), p.get(INTAKE_REJECTED_DIR), p.get(REFERENCE_DATA), p.get(INTAKE_MAX_ATTEMPTS),
                p.get(INTAKE_RETRY_DELAY_MS), p.get(INTAKE_MAX_RECORD_CHARS), p.get(INTAKE_LOCK_EXPIRY_MS),
                s3Inbox(p, INTAKE_ORDERS_S3_INBOX), s3Inbox(p, INTAKE_JOB_RESULTS_S3_INBOX),
                p.get(INTAKE_S3_POLL_DELAY_MS), p.get(INTAKE_POLL_DELAY_MS), p.get(INTAKE_READ_LOCK_CHECK_MS),
                p.get(INTAKE_PARALLEL_FILES));
        LocalStackSettings ports = new LocalStackSettings(p.get(LOCAL_NODE_COMMAND), p.get(LOCAL_KINESIS_PORT),
                p.get(LOCAL_KINESIS_TLS_PORT), p.get(LOCAL_STS_PORT), p.get(LOCAL_S3_PORT), p.get(LOCAL_SEARCH_PORT),
                p.get(LOCAL_SEARCH_TRANSPORT_PORT), p.get(LOCAL_DB_PORT));

        Optional<URI> kinesisEndpoint = p.get(KINESIS_ENDPOINT);
        boolean kinesisEmbedded = local && kinesisEndpoint.isEmpty();
        Kinesis kinesis = new Kinesis(
                kinesisEmbedded ? Optional.of(loopback("http", ports.kinesisPort())) : kinesisEndpoint,
                kinesisEmbedded,
                p.get(KINESIS_ORDERS_STREAM),
                p.get(KINESIS_ORDERS_SHARDS),
                p.get(KINESIS_JOB_RESULTS_STREAM),
                p.get(KINESIS_JOB_RESULTS_SHARDS),
                p.get(KINESIS_POLL_MAX_RECORDS),
                p.get(KINESIS_POLL_DELAY_MS),
                p.get(KINESIS_SEARCH_POLL_DELAY_MS).orElse(p.get(KINESIS_POLL_DELAY_MS)));

        Producer producer = producer(p, kinesisEmbedded, kinesisEndpoint, ports);

        Optional<URI> s3Endpoint = p.get(S3_ENDPOINT);
        boolean s3Embedded = local && s3Endpoint.isEmpty();
        S3 s3 = new S3(
                s3Embedded ? Optional.of(loopback("http", ports.s3Port())) : s3Endpoint,
                s3Embedded,
                p.get(S3_BUCKET),
                s3Embedded || p.get(S3_PATH_STYLE),
                p.get(ARCHIVE_MAX_RECORDS),
                p.get(ARCHIVE_MAX_BYTES),
                p.get(ARCHIVE_MAX_AGE_MS),
                p.get(ARCHIVE_GZIP));

        Optional<URI> searchUrl = p.get(SEARCH_URL);
        boolean searchEmbedded = local && searchUrl.isEmpty();
        SearchEngine engine = SearchEngine.of(p.get(SEARCH_ENGINE));
        if (searchEmbedded && engine != SearchEngine.OPENSEARCH) {
            throw new IllegalStateException("chief.search.engine=" + engine.component() + " needs chief.search.url:"
                    + " the local stack's search engine is OpenSearch");
        }
        Search search = new Search(
                engine,
                searchEmbedded ? loopback("http", ports.searchPort()) : searchUrl.orElseThrow(
                        () -> missing(SEARCH_URL, "the OpenSearch/Elasticsearch URL")),
                searchEmbedded,
                p.get(SEARCH_USER),
                p.get(SEARCH_PASSWORD),
                p.get(SEARCH_ORDERS_INDEX),
                p.get(SEARCH_JOB_STATUS_INDEX),
                p.get(SEARCH_JOB_HISTORY_INDEX),
                p.get(SEARCH_INDEX_DATE_PATTERN),
                p.get(SEARCH_RETRY_DURATION_MS),
                p.get(SEARCH_REFRESH_INTERVAL));
        search = search.withRequestAuth(searchAuthorization(p, search, p.get(AWS_REGION)));

        String dbUrl = p.get(DB_URL);
        boolean dbEmbedded = local && dbUrl.isBlank();
        if (dbEmbedded) {
            dbUrl = EmbeddedMariaDb.url(ports.dbPort());
        } else if (dbUrl.isBlank()) {
            throw missing(DB_URL, "the JDBC URL of the Aurora/MySQL database");
        }
        Database database = dbEmbedded
                ? new Database(dbUrl, EmbeddedMariaDb.USER, "", true)
                : database(p, dbUrl, p.get(AWS_REGION));

        Consumers consumers = new Consumers(p.get(CONSUMER_START_AT), p.get(CONSUMER_BATCH_SIZE),
                p.get(CONSUMER_MAX_BACKOFF_MS), p.get(CONSUMER_POISON_ATTEMPTS), p.get(DEAD_LETTER_DIR),
                applications(p.get(CONSUMER_APPLICATIONS)));
        Tailor tailor = new Tailor(p.get(TAILOR_SPEED_FACTOR), p.get(TAILOR_FAILURE_RATE), p.get(TAILOR_SEED),
                p.get(TAILOR_PROMISE_HOURS), p.get(TAILOR_MAX_JOBS_IN_FLIGHT), p.get(OUTBOX_OPERATIONS_DIR));
        Notify notify = new Notify(p.get(NOTIFY_CHANNEL), p.get(NOTIFY_OUTBOX_DIR), p.get(NOTIFY_FROM),
                p.get(NOTIFY_TEMPLATES_DIR), p.get(NOTIFY_ATTEMPTS), p.get(NOTIFY_RETRY_DELAY_MS),
                p.get(NOTIFY_SES_ENDPOINT), p.get(NOTIFY_SNS_ENDPOINT), p.get(NOTIFY_RETRY_DURATION_MS));
        Aurora aurora = new Aurora(p.get(AURORA_ENABLED), p.get(AURORA_LOAD_MODE), p.get(AURORA_LEASE_SECONDS),
                p.get(AURORA_BATCH_SIZE));
        return new ChiefSettings(profile, dataDir, intake, p.get(AWS_REGION), p.get(AWS_CREATE_RESOURCES),
                kinesis, producer, consumers, tailor, notify, s3, search, database, aurora,
                retention(p, dataDir, intake), ports,
                EngineSettings.read(p, local));
    }

    /**
     * {@code chief.db.auth=iam} logs in with IAM database authentication: the AWS Advanced JDBC Wrapper's
     * {@code iam} plugin makes a token for each new connection (the failover plugin's included), so the URL
     * must be a {@code jdbc:aws-wrapper:} one, a user is needed and a password is refused.
     */
    private static Database database(Settings p, String url, String region) {
        DatabaseAuth auth = p.get(DB_AUTH).equals("iam") ? DatabaseAuth.IAM : DatabaseAuth.PASSWORD;
        String user = p.get(DB_USER);
        String password = p.get(DB_PASSWORD);
        int tokenSeconds = p.get(DB_IAM_TOKEN_SECONDS);
        if (auth == DatabaseAuth.IAM) {
            if (!url.startsWith(Database.WRAPPER_PREFIX)) {
                throw new IllegalStateException("chief.db.auth=iam needs a " + Database.WRAPPER_PREFIX
                        + " URL (e.g. jdbc:aws-wrapper:mariadb://my-cluster.cluster-xyz.us-east-1.rds.amazonaws.com:3306/chief)");
            }
            if (!url.matches("(?i).*[?&]sslMode=(verify-full|verify-ca)(&.*)?")) {
                // the token is sent as a clear-text password: without TLS it would cross the network readable for 15 minutes
                throw new IllegalStateException("chief.db.auth=iam needs sslMode=verify-full (or verify-ca) in chief.db.url:"
                        + " the IAM token is sent as a clear-text password");
            }
            if (user.isEmpty()) {
                throw new IllegalStateException("chief.db.auth=iam needs chief.db.user (the database user created"
                        + " IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS')");
            }
            if (!password.isEmpty()) {
                throw new IllegalStateException("chief.db.auth=iam takes no password: unset CHIEF_DB_PASSWORD");
            }
            if (tokenSeconds < 1 || tokenSeconds > 840) {
                throw new IllegalStateException("chief.db.iam-token-seconds must be 1 to 840 (a token lives 900 s), got "
                        + tokenSeconds);
            }
        }
        return new Database(url, user, password, false, auth, p.get(DB_WRAPPER_PLUGINS), tokenSeconds, region);
    }

    /**
     * {@code chief.search.auth}: {@code basic} (the internal user, when {@code chief.search.user} and the password
     * are set; nothing otherwise) or {@code sigv4} (every request signed with the default AWS credentials, for
     * service {@code chief.search.sigv4-service}: {@code es} for OpenSearch Service, {@code aoss} for Serverless).
     */
    private static SearchAuthorization searchAuthorization(Settings p, Search search, String region) {
        if (p.get(SEARCH_AUTH).equals("basic")) {
            return search.requestAuth();
        }
        String service = p.get(SEARCH_SIGV4_SERVICE);
        if (search.engine() != SearchEngine.OPENSEARCH) {
            throw new IllegalStateException("chief.search.auth=sigv4 is for Amazon OpenSearch Service:"
                    + " set chief.search.engine=opensearch");
        }
        if (!search.user().isEmpty()) {
            throw new IllegalStateException("chief.search.auth=sigv4 signs with the AWS role: leave chief.search.user empty");
        }
        return SearchClients.sigV4(region, service);
    }

    private static Retention retention(Settings p, Path dataDir, Intake intake) {
        int dedupeDays = p.get(DEDUPE_RETENTION_DAYS);
        for (SettingKey<Integer> key : List.of(RETENTION_JOBS_DAYS, RETENTION_NOTIFICATIONS_DAYS, RETENTION_FINAL_STATUSES_DAYS)) {
            int days = p.get(key);
            if (days < dedupeDays) {
                throw new IllegalStateException(key + "=" + days + " is shorter than chief.dedupe.retention-days="
                        + dedupeDays + ": these rows are how an order, a message or a final status that comes back (a replay,"
                        + " a file dropped again) is recognised for as long as the dedupe remembers it; purged sooner, an order"
                        + " would be made twice or a customer told twice. Set it to " + dedupeDays + " or more.");
            }
        }
        Duration intakeLocks = days(p, RETENTION_INTAKE_LOCKS_DAYS);
        if (intakeLocks.toMillis() <= 2 * intake.lockExpiryMs()) {
            throw new IllegalStateException("chief.retention.intake-locks-days must be well over chief.intake.lock-expiry-ms ("
                    + intake.lockExpiryMs() + " ms): a younger lock row may belong to a reader that is still alive");
        }
        List<FolderRetention> folders = List.of(
                folder(p, "intake-archive", INTAKE_ARCHIVE_DIR, RETENTION_INTAKE_ARCHIVE_DAYS, dataDir, intake),
                folder(p, "intake-error", INTAKE_ERROR_DIR, RETENTION_INTAKE_ERROR_DAYS, dataDir, intake),
                folder(p, "rejected", INTAKE_REJECTED_DIR, RETENTION_REJECTED_DAYS, dataDir, intake),
                folder(p, "dead-letter", DEAD_LETTER_DIR, RETENTION_DEAD_LETTER_DAYS, dataDir, intake),
                folder(p, "customer-outbox", NOTIFY_OUTBOX_DIR, RETENTION_CUSTOMER_OUTBOX_DAYS, dataDir, intake),
                folder(p, "operations-outbox", OUTBOX_OPERATIONS_DIR, RETENTION_OPERATIONS_OUTBOX_DAYS, dataDir, intake));
        return new Retention(p.get(RETENTION_ENABLED), p.get(RETENTION_BATCH_SIZE), Duration.ofDays(dedupeDays),
                days(p, RETENTION_OUTBOX_DAYS), days(p, RETENTION_JOBS_DAYS), days(p, RETENTION_NOTIFICATIONS_DAYS),
                days(p, RETENTION_FINAL_STATUSES_DAYS), days(p, RETENTION_LOAD_MANIFEST_DAYS),
                days(p, RETENTION_LOAD_REJECTED_LINES_DAYS), intakeLocks, folders);
    }

    private static Duration days(Settings p, SettingKey<Integer> key) {
        return Duration.ofDays(p.get(key));
    }

    /**
     * The folder of {@code folderKey}, purged after {@code daysKey}. Refused when the purge would reach into
     * an inbox (unread files) or over the data folder (the embedded servers' stores).
     */
    private static FolderRetention folder(Settings p, String target, SettingKey<Path> folderKey, SettingKey<Integer> daysKey,
            Path dataDir, Intake intake) {
        Path folder = p.get(folderKey);
        if (dataDir.startsWith(folder)) {
            throw new IllegalStateException(folderKey + " (" + folder + ") holds the data folder " + dataDir + ": its retention"
                    + " purge would delete the embedded servers' data. Give it a folder of its own.");
        }
        for (Path inbox : List.of(intake.ordersDir(), intake.jobResultsDir())) {
            if (folder.startsWith(inbox) || inbox.startsWith(folder)) {
                throw new IllegalStateException(folderKey + " (" + folder + ") overlaps the inbox " + inbox + ": its retention"
                        + " purge would delete files not read yet. Give it a folder of its own.");
            }
        }
        return new FolderRetention(target, folder, days(p, daysKey));
    }

    private static Producer producer(Settings p, boolean embedded, Optional<URI> kinesisEndpoint, LocalStackSettings ports) {
        String host = "";
        int port = 0;
        String stsHost = "";
        int stsPort = 0;
        Optional<URI> producerEndpoint = p.get(PRODUCER_ENDPOINT);
        Optional<URI> configured = producerEndpoint.or(() -> kinesisEndpoint);
        if (embedded) {
            // the embedded emulator's TLS port, unless a producer endpoint is set (e.g. a proxy in front of it)
            host = producerEndpoint.map(URI::getHost).orElse("127.0.0.1");
            port = producerEndpoint.map(URI::getPort).filter(value -> value > 0).orElse(ports.kinesisTlsPort());
            stsHost = "127.0.0.1";
            stsPort = ports.stsPort();
        } else if (configured.isPresent()) {
            host = configured.get().getHost();
            port = configured.get().getPort() > 0 ? configured.get().getPort() : 443;
        }
        Optional<URI> sts = p.get(PRODUCER_STS_ENDPOINT);
        if (sts.isPresent()) {
            stsHost = sts.get().getHost();
            stsPort = sts.get().getPort() > 0 ? sts.get().getPort() : 443;
        }
        return new Producer(host, port, stsHost, stsPort,
                !embedded && p.get(PRODUCER_VERIFY_CERTIFICATE),
                p.get(PRODUCER_AGGREGATION_ENABLED),
                p.get(PRODUCER_RECORD_MAX_BUFFERED_TIME_MS),
                p.get(PRODUCER_RATE_LIMIT),
                p.get(PRODUCER_RECORD_TTL_MS),
                p.get(PRODUCER_MAX_CONNECTIONS),
                p.get(PRODUCER_REQUEST_TIMEOUT_MS),
                p.get(PRODUCER_MAX_OUTSTANDING_RECORDS),
                p.get(PRODUCER_MAX_OUTSTANDING_BYTES),
                p.get(PRODUCER_MAX_ATTEMPTS));
    }

    /** The names only: the applications themselves, and so the names known, are declared in ProcessingBeans. */
    private static Set<String> applications(List<String> names) {
        return names.equals(List.of("all")) ? Set.of() : new TreeSet<>(names);
    }

    private static Optional<S3Inbox> s3Inbox(Settings p, SettingKey<String> key) {
        try {
            return S3Inbox.parse(p.get(key), p.get(INTAKE_S3_ARCHIVE_PREFIX), p.get(INTAKE_S3_ERROR_PREFIX),
                    java.time.Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage());
        }
    }

    private static URI loopback(String scheme, int port) {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    private static IllegalStateException missing(SettingKey<?> key, String what) {
        return new IllegalStateException(key + " is not set: the aws profile needs " + what
                + " (set " + key.environmentVariable() + " or " + key + " in ./application.properties)");
    }
}
