package com.chief.bench;

import com.chief.config.AwsClients;
import com.chief.local.LocalCredentials;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.opensearch.OpensearchConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.mariadb.jdbc.MariaDbDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pipeline a plain Camel user writes from the same components, on the same local systems but
 * with names of its own: file → split → {@code aws2-kinesis}, one PutRecord per order;
 * {@code aws2-kinesis} consumer → {@code idempotentConsumer} with a {@link JdbcMessageIdRepository}
 * → {@code aws2-s3} one object per order, {@code opensearch} one index request per order, and one
 * SQL insert per order into a database of its own on Chief's embedded MariaDB server.
 */
final class NaivePipeline implements AutoCloseable {

    static final String STREAM = "NaiveOrdersStream";
    static final String BUCKET = "naive-archive";
    static final String INDEX = "naive-orders";
    static final String TABLE = "naive_orders";

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final KinesisClient kinesis;
    private final S3Client s3;
    private final MariaDbDataSource db;
    final String jdbcUrl;

    NaivePipeline(String kinesisEndpoint, String s3Endpoint, String searchHostPort, String dbServerUrl, Path inbox) throws Exception {
        AwsClients.speakJsonToKinesisEmulators(); // this JVM's clients, the naive route's included
        kinesis = KinesisClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(kinesisEndpoint))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                .build();
        s3 = SinkCounts.s3Client(s3Endpoint);
        try (Connection connection = DriverManager.getConnection(dbServerUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS naive");
        }
        jdbcUrl = dbServerUrl.replace("/?", "/naive?");
        db = new MariaDbDataSource(jdbcUrl);
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            // TEXT: MariaDB's utf8mb4 VARCHAR ends at 16 383 characters
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (order_id VARCHAR(73) PRIMARY KEY, body TEXT)");
        }
        kinesis.createStream(r -> r.streamName(STREAM).shardCount(4));
        while (kinesis.describeStreamSummary(r -> r.streamName(STREAM)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }
        s3.createBucket(b -> b.bucket(BUCKET));
        createIndex(searchHostPort);
        camel.getRegistry().bind("naiveKinesis", kinesis);
        camel.getRegistry().bind("naiveS3", s3);
        camel.getRegistry().bind("naiveDb", db);
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(db, "naive-orders");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?delete=true")
                        .routeId("naive-intake")
                        .split(body().tokenize("\n")).streaming()
                            .unmarshal().json(JsonLibrary.Jackson, Map.class)
                            .setHeader(Kinesis2Constants.PARTITION_KEY, simple("${body[orderId]}"))
                            .marshal().json(JsonLibrary.Jackson)
                            .to("aws2-kinesis://" + STREAM + "?amazonKinesisClient=#naiveKinesis");

                from("aws2-kinesis://" + STREAM
                        + "?amazonKinesisClient=#naiveKinesis"
                        + "&iteratorType=TRIM_HORIZON"
                        + "&maxResultsPerRequest=500"
                        + "&shardClosed=ignore")
                        .routeId("naive-consume")
                        .convertBodyTo(String.class)
                        .unmarshal().json(JsonLibrary.Jackson, Map.class)
                        .setHeader("orderId", simple("${body[orderId]}"))
                        .idempotentConsumer(header("orderId"), repository)
                        .setProperty("order", body())
                        .marshal().json(JsonLibrary.Jackson)
                        .convertBodyTo(String.class)
                        .multicast().to("direct:naive-s3", "direct:naive-search", "direct:naive-db");

                from("direct:naive-s3")
                        .setHeader(AWS2S3Constants.KEY, simple("orders/${header.orderId}.json"))
                        .to("aws2-s3://" + BUCKET + "?amazonS3Client=#naiveS3");
                from("direct:naive-search")
                        .setBody(exchangeProperty("order"))
                        .setHeader(OpensearchConstants.PARAM_INDEX_ID, header("orderId"))
                        .to("opensearch://naive?hostAddresses=" + searchHostPort + "&operation=Index&indexName=" + INDEX);
                from("direct:naive-db")
                        .to("sql:INSERT INTO " + TABLE + " (order_id, body) VALUES (:#${header.orderId}, :#${body})?dataSource=#naiveDb");
            }
        });
    }

    void start() {
        camel.start();
    }

    /**
     * The user maps what they query: orders mix a size name and a measurements object under "size". Asked
     * until it is there: OpenSearch refuses requests (429) while the heap it shares with Chief is full.
     */
    private static void createIndex(String searchHostPort) throws InterruptedException {
        String url = "http://" + searchHostPort + "/" + INDEX;
        String mapping = "{\"mappings\":{\"dynamic\":false,\"properties\":{\"orderId\":{\"type\":\"keyword\"}}}}";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<String> response = ChiefUnderTest.put(url, mapping);
            if (response != null && (response.statusCode() == 200 || response.body().contains("resource_already_exists"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cannot create the naive pipeline's index " + INDEX + ": "
                        + (response == null ? "no answer" : response.statusCode() + " " + response.body()));
            }
            Thread.sleep(1000);
        }
    }

    @Override
    public void close() {
        camel.stop();
        kinesis.close();
        s3.close();
    }
}
