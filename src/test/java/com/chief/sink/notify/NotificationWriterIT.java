package com.chief.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.kinesis.BatchDeduplicator;
import com.chief.support.Databases;
import com.chief.support.FreePorts;
import com.chief.support.TestSettings;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import com.chief.kinesis.DeadLetters;
import com.chief.kinesis.RecordBatch;
import com.chief.kinesis.UserRecord;
import com.chief.model.Json;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify application through the notify-send route and the chief-notification-sink Kamelet (from kamelets/). */
class NotificationWriterIT {

    @TempDir
    Path dir;

    private Databases databases;
    private HikariDataSource db;
    private HttpServer webhook;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger webhookStatus = new AtomicInteger(200);
    private final AtomicLong sequence = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        databases = Databases.h2(dir);
        db = databases.dataSource;
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(webhookStatus.get(), -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stop() throws Exception {
        webhook.stop(0);
        databases.close();
    }

    @Test
    void eachFinalStatusOfAnOrderBecomesOneEmlInTheOutbox() throws Exception {
        try (DefaultCamelContext camel = camel("outbox")) {
            NotificationWriter writer = writer(camel);
            writer.handle(batch(result("n-1", "Pending"), result("n-1", "InProgress"), result("n-1", "Completed"),
                    result("n-2", "Failed"), result("n-1", "Completed")));
            writer.handle(batch(result("n-1", "Completed"))); // a replay
            Path outbox = dir.resolve("outbox");
            try (var files = Files.list(outbox)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("n-1-Completed.eml", "n-2-Failed.eml");
            }
            assertThat(Files.readString(outbox.resolve("n-1-Completed.eml")))
                    .contains("To: n-1@example.com").contains("Subject: Your Chief order n-1 is ready").contains("robot3 in factory2");
            assertThat(Files.readString(outbox.resolve("n-2-Failed.eml"))).contains("material lace unavailable");
        }
    }

    @Test
    void theWebhookChannelPostsJsonAndAFailingChannelEndsInTheDeadLetters() throws Exception {
        try (DefaultCamelContext camel = camel("webhook")) {
            NotificationWriter writer = writer(camel);
            writer.handle(batch(result("w-1", "Completed")));
            assertThat(posted).hasSize(1);
            assertThat(Json.MAPPER.readTree(posted.get(0)).path("to").asText()).isEqualTo("w-1@example.com");

            webhookStatus.set(503);
            writer.handle(batch(result("w-2", "Completed")));
            assertThat(posted).as("three attempts (the HTTP client may itself repeat a 503)").hasSizeGreaterThanOrEqualTo(1 + 3);
            try (var letters = Files.list(dir.resolve("dead-letter/jobresult-notify"))) {
                assertThat(Files.readString(letters.findFirst().orElseThrow())).contains("failed 3 times").contains("503");
            }
        }
    }

    @Test
    void theSmtpChannelSendsAnEmailToTheCustomer() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (DefaultCamelContext camel = camel("smtp", Map.of("chief.notify.smtp-port", String.valueOf(mail.getSmtp().getPort())))) {
            writer(camel).handle(batch(result("m-1", "Completed")));
            assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage message = mail.getReceivedMessages()[0];
            assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("m-1@example.com");
            assertThat(message.getFrom()).extracting(Object::toString).containsExactly("orders@chief.example");
            assertThat(message.getSubject()).isEqualTo("Your Chief order m-1 is ready");
            assertThat(GreenMailUtil.getBody(message)).contains("robot3 in factory2");
        } finally {
            mail.stop();
        }
    }

    @Test
    void theSesAndSnsChannelsCallAwsWithTheMessage() throws Exception {
        List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
        HttpServer aws = FakeAwsQueryApi.start(calls);
        String endpoint = "http://127.0.0.1:" + aws.getAddress().getPort();
        String topic = "arn:aws:sns:us-east-1:123456789012:chief-customers";
        System.setProperty("aws.accessKeyId", "test-key");
        System.setProperty("aws.secretAccessKey", "test-secret");
        try {
            ChiefSettings settings = TestSettings.local(dir, Map.of("chief.notify.ses-endpoint", endpoint,
                    "chief.notify.sns-endpoint", endpoint));
            try (DefaultCamelContext camel = camel("ses", Map.of(), "sesClient", AwsClients.ses(settings))) {
                writer(camel).handle(batch(result("e-1", "Completed")));
            }
            try (DefaultCamelContext camel = camel("sns", Map.of("chief.notify.sns-topic-arn", topic), "snsClient",
                    AwsClients.sns(settings))) {
                writer(camel).handle(batch(result("e-2", "Failed")));
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            aws.stop(0);
        }
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsEntry("Action", "SendEmail")
                .containsEntry("Source", "orders@chief.example")
                .containsEntry("Destination.ToAddresses.member.1", "e-1@example.com")
                .containsEntry("Message.Subject.Data", "Your Chief order e-1 is ready");
        assertThat(calls.get(0).get("Message.Body.Text.Data")).contains("robot3 in factory2");
        assertThat(calls.get(1)).containsEntry("Action", "Publish").containsEntry("TopicArn", topic);
        assertThat(calls.get(1).get("Message")).contains("material lace unavailable");
    }

    private DefaultCamelContext camel(String channel) throws Exception {
        return camel(channel, Map.of());
    }

    private DefaultCamelContext camel(String channel, Map<String, String> overrides, Object... beans) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        for (int i = 0; i < beans.length; i += 2) {
            camel.getRegistry().bind((String) beans[i], beans[i + 1]);
        }
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "chief.notify.channel", channel,
                "chief.notify.outbox-dir", dir.resolve("outbox").toString(),
                "chief.notify.webhook-url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));
        properties.putAll(overrides);
        camel.getPropertiesComponent().setOverrideProperties(properties);
        camel.getPropertiesComponent().setLocation("classpath:application.properties");
        camel.getComponent("kamelet", org.apache.camel.component.kamelet.KameletComponent.class).setLocation("file:kamelets");
        camel.addRoutes(new NotifyRoutes());
        camel.start();
        return camel;
    }

    private NotificationWriter writer(DefaultCamelContext camel) {
        ProducerTemplate template = camel.createProducerTemplate();
        return new NotificationWriter(new BatchDeduplicator(db), new NotificationTemplates(Path.of("templates"), "orders@chief.example"),
                message -> template.requestBodyAndHeaders("direct:notify", message.eml(), message.headers()),
                new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry()), new SimpleMeterRegistry(), 3, Duration.ofMillis(10));
    }

    private RecordBatch batch(UserRecord... records) {
        return new RecordBatch("jobresult-notify", "JobResultsStream", "shardId-0", List.of(records));
    }

    private UserRecord result(String order, String status) {
        String reason = status.equals("Failed") ? ",\"reason\":\"material lace unavailable from the just-in-time supplier\"" : "";
        String json = "{\"orderId\":\"" + order + "\",\"customer\":\"" + order + "@example.com\",\"factoryId\":\"factory2\","
                + "\"robotId\":\"robot3\",\"status\":\"" + status + "\"" + reason + ",\"timestamp\":\"" + Instant.now() + "\"}";
        return new UserRecord("shardId-0", order, String.valueOf(sequence.incrementAndGet()), 0, Instant.now(),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
