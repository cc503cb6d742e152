package com.chief.config;

import com.chief.consume.EngineSettings;
import com.chief.local.EmbeddedMariaDb;
import com.chief.intake.S3Inbox;
import com.chief.retention.FolderRetention;

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
import org.apache.camel.spi.PropertiesComponent;

/**
 * Chief's own settings ({@code chief.*}), read once from Camel's property layers and resolved:
 * in the {@code local} profile every system without a configured endpoint is served by the
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
        Reader p = new Reader(properties);
        String profile = p.get("chief.profile");
        boolean local = "local".equals(profile);
        Path dataDir = p.path("chief.data-dir");
        Intake intake = new Intake(p.path("chief.intake.orders-dir"), p.path("chief.intake.job-results-dir"),
                p.path("chief.intake.archive-dir"), p.path("chief.intake.error-dir"), p.path("chief.intake.rejected-dir"),
                p.path("chief.reference-data"), p.getInt("chief.intake.max-attempts"), p.getLong("chief.intake.retry-delay-ms"),
                p.getInt("chief.intake.max-record-chars"), p.getLong("chief.intake.lock-expiry-ms"),
                s3Inbox(p, "chief.intake.orders-s3-inbox"), s3Inbox(p, "chief.intake.job-results-s3-inbox"),
                p.getLong("chief.intake.s3-poll-delay-ms"), p.getLong("chief.intake.poll-delay-ms"),
                p.getLong("chief.intake.read-lock-check-ms"), p.getInt("chief.intake.parallel-files"));
        LocalStackSettings ports = new LocalStackSettings(
                p.get("chief.local.node-command"),
                p.getInt("chief.local.kinesis-port"),
                p.getInt("chief.local.kinesis-tls-port"),
                p.getInt("chief.local.sts-port"),
                p.getInt("chief.local.s3-port"),
                p.getInt("chief.local.search-port"),
                p.getInt("chief.local.search-transport-port"),
                p.getInt("chief.local.db-port"));

        Optional<URI> kinesisEndpoint = p.uri("chief.kinesis.endpoint");
        boolean kinesisEmbedded = local && kinesisEndpoint.isEmpty();
        Kinesis kinesis = new Kinesis(
                kinesisEmbedded ? Optional.of(loopback("http", ports.kinesisPort())) : kinesisEndpoint,
                kinesisEmbedded,
                p.get("chief.kinesis.orders-stream"),
                p.getInt("chief.kinesis.orders-shards"),
                p.get("chief.kinesis.job-results-stream"),
                p.getInt("chief.kinesis.job-results-shards"),
                p.getInt("chief.kinesis.poll-max-records"),
                p.getLong("chief.kinesis.poll-delay-ms"),
                p.get("chief.kinesis.search-poll-delay-ms").isEmpty()
                        ? p.getLong("chief.kinesis.poll-delay-ms") : p.getLong("chief.kinesis.search-poll-delay-ms"));

        Producer producer = producer(p, kinesisEmbedded, kinesisEndpoint, ports);

        Optional<URI> s3Endpoint = p.uri("chief.s3.endpoint");
        boolean s3Embedded = local && s3Endpoint.isEmpty();
        S3 s3 = new S3(
                s3Embedded ? Optional.of(loopback("http", ports.s3Port())) : s3Endpoint,
                s3Embedded,
                p.get("chief.s3.bucket"),
                s3Embedded || p.getBoolean("chief.s3.path-style"),
                p.getInt("chief.archive.max-records"),
                p.getLong("chief.archive.max-bytes"),
                p.getLong("chief.archive.max-age-ms"),
                p.getBoolean("chief.archive.gzip"));

        Optional<URI> searchUrl = p.uri("chief.search.url");
        boolean searchEmbedded = local && searchUrl.isEmpty();
        SearchEngine engine = SearchEngine.of(p.get("chief.search.engine"));
        if (searchEmbedded && engine != SearchEngine.OPENSEARCH) {
            throw new IllegalStateException("chief.search.engine=" + engine.component() + " needs chief.search.url:"
                    + " the local stack's search engine is OpenSearch");
        }
        Search search = new Search(
                engine,
                searchEmbedded ? loopback("http", ports.searchPort()) : searchUrl.orElseThrow(
                        () -> missing("chief.search.url", "the OpenSearch/Elasticsearch URL")),
                searchEmbedded,
                p.get("chief.search.user"),
                p.get("chief.search.password"),
                p.get("chief.search.orders-index"),
                p.get("chief.search.job-status-index"),
                p.get("chief.search.job-history-index"),
                p.get("chief.search.index-date-pattern"),
                p.millis("chief.search.retry-duration-ms"),
                p.get("chief.search.refresh-interval"));
        search = search.withRequestAuth(searchAuthorization(p, search, p.get("chief.aws.region")));

        String dbUrl = p.get("chief.db.url");
        boolean dbEmbedded = local && dbUrl.isBlank();
        if (dbEmbedded) {
            dbUrl = EmbeddedMariaDb.url(ports.dbPort());
        } else if (dbUrl.isBlank()) {
            throw missing("chief.db.url", "the JDBC URL of the Aurora/MySQL database");
        }
        Database database = dbEmbedded
                ? new Database(dbUrl, EmbeddedMariaDb.USER, "", true)
                : database(p, dbUrl, p.get("chief.aws.region"));

        Consumers consumers = new Consumers(p.get("chief.consumer.start-at"), p.getInt("chief.consumer.batch-size"),
                p.getLong("chief.consumer.max-backoff-ms"), p.getInt("chief.consumer.poison-attempts"),
                p.path("chief.dead-letter-dir"), applications(p.get("chief.consumer.applications")));
        Tailor tailor = new Tailor(p.getDouble("chief.tailor.speed-factor"), p.getDouble("chief.tailor.failure-rate"),
                p.getLong("chief.tailor.seed"), p.getDouble("chief.tailor.promise-hours"), p.getInt("chief.tailor.max-jobs-in-flight"),
                p.path("chief.outbox.operations-dir"));
        String channel = p.get("chief.notify.channel");
        if (!java.util.Set.of("outbox", "webhook", "smtp", "ses", "sns").contains(channel)) {
            throw new IllegalStateException("chief.notify.channel must be outbox, webhook, smtp, ses or sns, got '" + channel + "'");
        }
        Notify notify = new Notify(channel, p.path("chief.notify.outbox-dir"), p.get("chief.notify.from"), p.path("chief.notify.templates-dir"),
                p.getInt("chief.notify.attempts"), p.getLong("chief.notify.retry-delay-ms"),
                p.uri("chief.notify.ses-endpoint"), p.uri("chief.notify.sns-endpoint"),
                p.millis("chief.notify.retry-duration-ms"));
        String loadMode = p.get("chief.aurora.load-mode");
        if (!loadMode.equals("rows") && !loadMode.equals("load-data-from-s3")) {
            throw new IllegalStateException("chief.aurora.load-mode must be rows or load-data-from-s3, got '" + loadMode + "'");
        }
        Aurora aurora = new Aurora(p.getBoolean("chief.aurora.enabled"), loadMode, p.getInt("chief.aurora.lease-seconds"),
                p.getInt("chief.aurora.batch-size"));
        return new ChiefSettings(profile, dataDir, intake, p.get("chief.aws.region"), p.getBoolean("chief.aws.create-resources"),
                kinesis, producer, consumers, tailor, notify, s3, search, database, aurora,
                retention(p, dataDir, intake), ports,
                EngineSettings.read(p::get, local));
    }

    /**
     * {@code chief.db.auth=iam} logs in with IAM database authentication: the AWS Advanced JDBC Wrapper's
     * {@code iam} plugin makes a token for each new connection (the failover plugin's included), so the URL
     * must be a {@code jdbc:aws-wrapper:} one, a user is needed and a password is refused.
     */
    private static Database database(Reader p, String url, String region) {
        String authValue = p.get("chief.db.auth");
        DatabaseAuth auth = switch (authValue) {
            case "password" -> DatabaseAuth.PASSWORD;
            case "iam" -> DatabaseAuth.IAM;
            default -> throw new IllegalStateException("chief.db.auth must be password or iam, got '" + authValue + "'");
        };
        String user = p.get("chief.db.user");
        String password = p.get("chief.db.password");
        int tokenSeconds = p.getInt("chief.db.iam-token-seconds");
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
        return new Database(url, user, password, false, auth, p.get("chief.db.wrapper-plugins"), tokenSeconds, region);
    }

    /**
     * {@code chief.search.auth}: {@code basic} (the internal user, when {@code chief.search.user} and the password
     * are set; nothing otherwise) or {@code sigv4} (every request signed with the default AWS credentials, for
     * service {@code chief.search.sigv4-service}: {@code es} for OpenSearch Service, {@code aoss} for Serverless).
     */
    private static SearchAuthorization searchAuthorization(Reader p, Search search, String region) {
        String auth = p.get("chief.search.auth");
        switch (auth) {
            case "basic":
                return search.requestAuth();
            case "sigv4":
                String service = p.get("chief.search.sigv4-service");
                if (!service.equals("es") && !service.equals("aoss")) {
                    throw new IllegalStateException("chief.search.sigv4-service must be es or aoss, got '" + service + "'");
                }
                if (search.engine() != SearchEngine.OPENSEARCH) {
                    throw new IllegalStateException("chief.search.auth=sigv4 is for Amazon OpenSearch Service:"
                            + " set chief.search.engine=opensearch");
                }
                if (!search.user().isEmpty()) {
                    throw new IllegalStateException("chief.search.auth=sigv4 signs with the AWS role: leave chief.search.user empty");
                }
                return SearchClients.sigV4(region, service);
            default:
                throw new IllegalStateException("chief.search.auth must be basic or sigv4, got '" + auth + "'");
        }
    }

    private static Retention retention(Reader p, Path dataDir, Intake intake) {
        int dedupeDays = p.positiveInt("chief.dedupe.retention-days");
        for (String key : List.of("jobs-days", "notifications-days", "final-statuses-days")) {
            int days = p.positiveInt("chief.retention." + key);
            if (days < dedupeDays) {
                throw new IllegalStateException("chief.retention." + key + "=" + days + " is shorter than chief.dedupe.retention-days="
                        + dedupeDays + ": these rows are how an order, a message or a final status that comes back (a replay,"
                        + " a file dropped again) is recognised for as long as the dedupe remembers it; purged sooner, an order"
                        + " would be made twice or a customer told twice. Set it to " + dedupeDays + " or more.");
            }
        }
        Duration intakeLocks = Duration.ofDays(p.positiveInt("chief.retention.intake-locks-days"));
        if (intakeLocks.toMillis() <= 2 * intake.lockExpiryMs()) {
            throw new IllegalStateException("chief.retention.intake-locks-days must be well over chief.intake.lock-expiry-ms ("
                    + intake.lockExpiryMs() + " ms): a younger lock row may belong to a reader that is still alive");
        }
        List<FolderRetention> folders = List.of(
                folder(p, "intake-archive", "chief.intake.archive-dir", dataDir, intake),
                folder(p, "intake-error", "chief.intake.error-dir", dataDir, intake),
                folder(p, "rejected", "chief.intake.rejected-dir", dataDir, intake),
                folder(p, "dead-letter", "chief.dead-letter-dir", dataDir, intake),
                folder(p, "customer-outbox", "chief.notify.outbox-dir", dataDir, intake),
                folder(p, "operations-outbox", "chief.outbox.operations-dir", dataDir, intake));
        return new Retention(p.getBoolean("chief.retention.enabled"), p.positiveInt("chief.retention.batch-size"),
                Duration.ofDays(dedupeDays), days(p, "outbox-days"), days(p, "jobs-days"), days(p, "notifications-days"),
                days(p, "final-statuses-days"), days(p, "load-manifest-days"), days(p, "load-rejected-lines-days"),
                intakeLocks, folders);
    }

    private static Duration days(Reader p, String key) {
        return Duration.ofDays(p.positiveInt("chief.retention." + key));
    }

    /**
     * The folder of {@code folderKey}, purged after {@code chief.retention.<target>-days}. Refused when the purge
     * would reach into an inbox (unread files) or over the data folder (the embedded servers' stores).
     */
    private static FolderRetention folder(Reader p, String target, String folderKey, Path dataDir, Intake intake) {
        Path folder = p.path(folderKey);
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
        return new FolderRetention(target, folder, Duration.ofDays(p.positiveInt("chief.retention." + target + "-days")));
    }

    private static Producer producer(Reader p, boolean embedded, Optional<URI> kinesisEndpoint, LocalStackSettings ports) {
        String prefix = "chief.kinesis.producer.";
        String host = "";
        int port = 0;
        String stsHost = "";
        int stsPort = 0;
        Optional<URI> configured = p.uri(prefix + "endpoint").or(() -> kinesisEndpoint);
        if (embedded) {
            // the embedded emulator's TLS port, unless a producer endpoint is set (e.g. a proxy in front of it)
            Optional<URI> producerEndpoint = p.uri(prefix + "endpoint");
            host = producerEndpoint.map(URI::getHost).orElse("127.0.0.1");
            port = producerEndpoint.map(URI::getPort).filter(value -> value > 0).orElse(ports.kinesisTlsPort());
            stsHost = "127.0.0.1";
            stsPort = ports.stsPort();
        } else if (configured.isPresent()) {
            host = configured.get().getHost();
            port = configured.get().getPort() > 0 ? configured.get().getPort() : 443;
        }
        Optional<URI> sts = p.uri(prefix + "sts-endpoint");
        if (sts.isPresent()) {
            stsHost = sts.get().getHost();
            stsPort = sts.get().getPort() > 0 ? sts.get().getPort() : 443;
        }
        return new Producer(host, port, stsHost, stsPort,
                !embedded && p.getBoolean(prefix + "verify-certificate"),
                p.getBoolean(prefix + "aggregation-enabled"),
                p.getLong(prefix + "record-max-buffered-time-ms"),
                p.getLong(prefix + "rate-limit"),
                p.getLong(prefix + "record-ttl-ms"),
                p.getLong(prefix + "max-connections"),
                p.getLong(prefix + "request-timeout-ms"),
                p.getInt(prefix + "max-outstanding-records"),
                p.getInt(prefix + "max-outstanding-bytes"),
                p.getInt(prefix + "max-attempts"));
    }

    /** The names only: the applications themselves, and so the names known, are declared in ProcessingBeans. */
    private static Set<String> applications(String value) {
        if (value.isBlank() || value.equals("all")) {
            return Set.of();
        }
        Set<String> names = new java.util.TreeSet<>();
        for (String name : value.split(",")) {
            names.add(name.trim());
        }
        return names;
    }

    private static Optional<S3Inbox> s3Inbox(Reader p, String key) {
        try {
            return S3Inbox.parse(p.get(key), p.get("chief.intake.s3-archive-prefix"), p.get("chief.intake.s3-error-prefix"),
                    java.time.Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage());
        }
    }

    private static URI loopback(String scheme, int port) {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    private static IllegalStateException missing(String key, String what) {
        String env = key.toUpperCase().replace('.', '_').replace('-', '_');
        return new IllegalStateException(key + " is not set: the aws profile needs " + what
                + " (set " + env + " or " + key + " in ./application.properties)");
    }

    /** Typed access to required keys; a missing key is a packaging defect, so it fails loudly. */
    private record Reader(PropertiesComponent properties) {
        String get(String key) {
            return properties.resolveProperty(key)
                    .map(String::trim)
                    .orElseThrow(() -> new IllegalStateException("Missing configuration key " + key));
        }

        int getInt(String key) {
            return parse(key, Integer::parseInt, "a whole number");
        }

        int positiveInt(String key) {
            int value = getInt(key);
            if (value < 1) {
                throw new IllegalStateException(key + " must be 1 or more, got " + value);
            }
            return value;
        }

        long getLong(String key) {
            return parse(key, Long::parseLong, "a whole number");
        }

        Duration millis(String key) {
            return Duration.ofMillis(getLong(key));
        }

        double getDouble(String key) {
            return parse(key, Double::parseDouble, "a number");
        }

        private <T> T parse(String key, java.util.function.Function<String, T> parser, String what) {
            String value = get(key);
            try {
                return parser.apply(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(key + " must be " + what + ", got '" + value + "'");
            }
        }

        Path path(String key) {
            return Path.of(get(key)).toAbsolutePath().normalize();
        }

        boolean getBoolean(String key) {
            String value = get(key);
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalStateException(key + " must be true or false, got '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        Optional<URI> uri(String key) {
            String value = get(key);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                return Optional.of(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + " must be a URL like http://host:port, got '" + value + "'");
            }
        }
    }
}
