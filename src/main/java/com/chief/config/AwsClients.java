package com.chief.config;

import com.chief.local.LocalCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/**
 * The one place AWS clients are built. Embedded endpoints get the local stack's fixed keys;
 * everything else uses AWS's default provider chain (environment, profile, instance role), so no
 * credential is ever read from Chief's own files.
 */
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    private AwsClients() {
    }

    public static KinesisClient kinesis(ChiefSettings settings) {
        settings.kinesis().endpoint().ifPresent(emulator -> speakJsonToKinesisEmulators());
        return build(KinesisClient.builder(), settings, settings.kinesis().embedded(), settings.kinesis().endpoint());
    }

    public static S3Client s3(ChiefSettings settings) {
        ChiefSettings.S3 s3 = settings.s3();
        return build(S3Client.builder().forcePathStyle(s3.pathStyle()), settings, s3.embedded(), s3.endpoint());
    }

    /** AWS Secrets Manager, for passwords kept there (chief.secrets.source=secretsmanager). */
    public static SecretsManagerClient secretsManager(ChiefSettings settings, Optional<URI> endpoint) {
        return build(SecretsManagerClient.builder(), settings, false, endpoint);
    }

    /** Amazon SES for the ses notification channel (camel-aws2-ses takes it from the registry). */
    public static SesClient ses(ChiefSettings settings) {
        return build(SesClient.builder(), settings, false, settings.notifications().sesEndpoint());
    }

    /** Amazon SNS for the sns notification channel (camel-aws2-sns takes it from the registry). */
    public static SnsClient sns(ChiefSettings settings) {
        return build(SnsClient.builder(), settings, false, settings.notifications().snsEndpoint());
    }

    /**
     * The KCL engine's Kinesis client. Enhanced fan-out (SubscribeToShard) needs HTTP/2, which KCL's
     * own builder adjustment sets up; polling uses HTTP/1.1.
     */
    public static KinesisAsyncClient kinesisAsync(ChiefSettings settings, boolean fanOut) {
        settings.kinesis().endpoint().ifPresent(emulator -> speakJsonToKinesisEmulators());
        KinesisAsyncClientBuilder builder = KinesisAsyncClient.builder();
        if (fanOut) {
            builder = KinesisClientUtil.adjustKinesisClientBuilder(builder);
        } else {
            // the SDK's Kinesis default is HTTP/2 (for SubscribeToShard); the local emulator speaks only HTTP/1.1
            builder.httpClientBuilder(asyncHttp().protocol(Protocol.HTTP1_1));
        }
        return buildAsync(builder, settings, settings.kinesis().embedded(), settings.kinesis().endpoint());
    }

    /**
     * Kinesis emulators (kinesalite, which the local profile runs) answer the SDK's default CBOR with
     * values it cannot parse (mhart/kinesalite#108): against a configured or embedded endpoint, the Kinesis
     * clients this JVM builds speak JSON — a JVM-wide SDK switch. Against AWS itself they keep CBOR.
     */
    public static void speakJsonToKinesisEmulators() {
        System.setProperty("aws.cborEnabled", "false");
    }

    /** DynamoDB for the KCL engine's lease, coordinator state and worker metrics tables. */
    public static DynamoDbAsyncClient dynamoDb(ChiefSettings settings) {
        return buildAsync(DynamoDbAsyncClient.builder().httpClientBuilder(asyncHttp()), settings,
                settings.engine().dynamoDbEmbedded(), settings.engine().dynamoDbEndpoint());
    }

    /** CloudWatch for KCL's metrics: only called when they are switched on. */
    public static CloudWatchAsyncClient cloudWatch(ChiefSettings settings) {
        return buildAsync(CloudWatchAsyncClient.builder().httpClientBuilder(asyncHttp()), settings, false, Optional.empty());
    }

    private static <B extends AwsAsyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C buildAsync(B builder,
            ChiefSettings settings, boolean embedded, Optional<URI> endpoint) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials(embedded))
                .overrideConfiguration(timeouts());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static NettyNioAsyncHttpClient.Builder asyncHttp() {
        return NettyNioAsyncHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConcurrency(100);
    }

    /** What every client shares: region, credentials, HTTP client, timeouts, and the endpoint if one is set. */
    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(B builder,
            ChiefSettings settings, boolean embedded, Optional<URI> endpoint) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials(embedded))
                .httpClientBuilder(http())
                .overrideConfiguration(timeouts());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The KPL's configuration; its native daemon gets the same credentials as the other clients. */
    public static KinesisProducerConfiguration kpl(ChiefSettings settings) {
        ChiefSettings.Producer producer = settings.producer();
        KinesisProducerConfiguration configuration = new KinesisProducerConfiguration()
                .setRegion(settings.region())
                .setCredentialsProvider(credentials(settings.kinesis().embedded()))
                .setVerifyCertificate(producer.verifyCertificate())
                .setAggregationEnabled(producer.aggregation())
                .setRecordMaxBufferedTime(producer.maxBufferedTimeMs())
                .setRateLimit(producer.rateLimit())
                .setRecordTtl(producer.recordTtlMs())
                .setMaxConnections(producer.maxConnections())
                .setRequestTimeout(producer.requestTimeoutMs())
                .setMetricsLevel("none")
                .setLogLevel("warning")
                .setTempDirectory(settings.dataDir().resolve("kpl").toString());
        if (!producer.kinesisHost().isEmpty()) {
            configuration.setKinesisEndpoint(producer.kinesisHost()).setKinesisPort(producer.kinesisPort());
        }
        if (!producer.stsHost().isEmpty()) {
            configuration.setStsEndpoint(producer.stsHost()).setStsPort(producer.stsPort());
        }
        return configuration;
    }

    private static AwsCredentialsProvider credentials(boolean embedded) {
        if (embedded) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY));
        }
        // role credentials renewed ahead of expiry in the background, never on a request's thread (a signing
        // HTTP I/O thread must not wait for the instance metadata service)
        return DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(true).build();
    }

    /** AWS's default provider chain: system properties, environment, web identity, profile, container or instance role. */
    public static AwsCredentialsProvider defaultCredentials() {
        return credentials(false);
    }

    private static ApacheHttpClient.Builder http() {
        return ApacheHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(50);
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .build();
    }
}
