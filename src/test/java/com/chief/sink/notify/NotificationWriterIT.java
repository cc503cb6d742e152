package com.chief.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.consume.BatchHandler;
import com.chief.consume.Checkpoint;
import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import com.chief.consume.RecordBatch;
import com.chief.consume.SystemUnavailableException;
import com.chief.consume.UserRecord;
import com.chief.model.Json;
import com.chief.sink.FinalStatuses;
import com.chief.sink.OneFinalStatus;
import com.chief.support.Databases;
import com.chief.support.FreePorts;
import com.chief.support.TestSettings;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
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
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger webhookStatus = new AtomicInteger(200);
    private final AtomicLong sequence = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Duration retryDuration = Duration.ofMinutes(5);

    @BeforeEach
    void start() throws Exception {
        databases = Databases.create();
        db = databases.dataSource;
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posted.add(body);
            int status = body.contains("\"orderId\":\"refused-1\"") ? 400 // a recipient it will never take
                    : body.contains("\"orderId\":\"stuck-") ? 500 : webhookStatus.get(); // a receiver failing on these only
            if (status < 300) {
                accepted.add(Json.MAPPER.readTree(body).path("orderId").asText() + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            exchange.sendResponseHeaders(status, -1);
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

    /** A rolling upgrade: a newer Chief's job result carries a field this one does not know; a record that is no job result is dead-lettered. */
    @Test
    void aJobResultWithAnUnknownFieldIsSentAndOneThatCannotBeReadIsDeadLettered() throws Exception {
        try (DefaultCamelContext camel = camel("outbox")) {
            UserRecord newer = record("u-1", new String(result("u-1", "Completed").data(), StandardCharsets.UTF_8)
                    .replace("{", "{\"priority\":\"express\","));
            writer(camel).handle(batch(newer, record("u-2", "{\"orderId\":\"u-2\",\"status\":"), result("u-3", "Completed")));
            try (var files = Files.list(dir.resolve("outbox"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("u-1-Completed.eml", "u-3-Completed.eml");
            }
            assertThat(deadLetters()).singleElement().asString().contains("u-2").contains("not a job result");
        }
    }

    @Test
    void theWebhookChannelPostsJsonOnlyARefusedMessageIsDeadLetteredAndAnOutageHoldsTheBatch() throws Exception {
        try (DefaultCamelContext camel = camel("webhook")) {
            NotificationWriter writer = writer(camel);
            writer.handle(batch(result("w-1", "Completed"), result("refused-1", "Completed"), result("w-3", "Failed")));
            assertThat(accepted).containsExactly("w-1 <w-1.Completed@chief>", "w-3 <w-3.Failed@chief>");
            assertThat(Json.MAPPER.readTree(posted.get(0)).path("to").asText()).isEqualTo("w-1@example.com");
            assertThat(posted).as("a refusal (HTTP 400) is not tried again").filteredOn(body -> body.contains("refused-1")).hasSize(1);
            assertThat(deadLetters()).singleElement().asString().contains("refused-1").contains("400");

            webhookStatus.set(503);
            RecordBatch held = batch(result("w-4", "Completed"), result("w-5", "Failed"));
            assertThatThrownBy(() -> writer.handle(held)).isInstanceOf(SystemUnavailableException.class);
            webhookStatus.set(200);
            assertThat(handleAsTheConsumerWould(writer, held, Duration.ofSeconds(10))).as("the held batch, offered again").isZero();
            assertThat(accepted).as("each message accepted once").hasSize(4)
                    .endsWith("w-4 <w-4.Completed@chief>", "w-5 <w-5.Failed@chief>");
            assertThat(deadLetters()).as("an outage dead-letters nothing").hasSize(1);
        }
    }

    @Test
    void aChannelDownLongerThanTheOldRetriesHoldsTheBatchAndEachMessageGoesOnceWhenItIsBack() throws Exception {
        int port = FreePorts.next();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        CompletableFuture<Void> back = CompletableFuture.runAsync(mail::start, CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS));
        try (DefaultCamelContext camel = camel("smtp", Map.of("chief.notify.smtp-port", String.valueOf(port)))) {
            RecordBatch batch = batch(result("d-1", "Completed"), result("d-2", "Failed"), result("d-3", "Completed"));
            int held = handleAsTheConsumerWould(writer(camel), batch, Duration.ofSeconds(30));
            assertThat(held).as("times the batch was held while the SMTP server was down").isPositive();
            assertThat(mail.waitForIncomingEmail(5_000, 3)).isTrue();
            assertThat(recipients(mail)).containsExactlyInAnyOrder("d-1@example.com", "d-2@example.com", "d-3@example.com");
            assertThat(dir.resolve("dead-letter")).as("nothing dead-lettered").doesNotExist();
        } finally {
            back.join();
            mail.stop();
        }
    }

    @Test
    void aBatchReplayedAfterACrashMidBatchMessagesNoCustomerTwice() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (DefaultCamelContext camel = camel("smtp", Map.of("chief.notify.smtp-port", String.valueOf(mail.getSmtp().getPort())))) {
            RecordBatch batch = batch(result("x-1", "Completed"), result("x-2", "Completed"), result("x-3", "Failed"),
                    result("x-4", "Completed"));
            AtomicInteger sends = new AtomicInteger();
            NotificationWriter dying = writer(camel, message -> {
                if (sends.incrementAndGet() == 3) {
                    throw new Crash();
                }
            });
            assertThatThrownBy(() -> dying.handle(batch)).isInstanceOf(Crash.class);
            writer(camel).handle(batch); // after the restart the batch comes again: its checkpoint never moved
            assertThat(mail.waitForIncomingEmail(5_000, 4)).isTrue();
            assertThat(recipients(mail)).containsExactlyInAnyOrder("x-1@example.com", "x-2@example.com", "x-3@example.com",
                    "x-4@example.com");
            assertThat(mail.getReceivedMessages()).extracting(MimeMessage::getMessageID).containsExactlyInAnyOrder(
                    "<x-1.Completed@chief>", "<x-2.Completed@chief>", "<x-3.Failed@chief>", "<x-4.Completed@chief>");
        } finally {
            mail.stop();
        }
    }

    @Test
    void aMessageAcceptedWhileTheDatabaseIsDownIsNotSentAgainWhenTheBatchIsHeld() throws Exception {
        AtomicBoolean databaseDown = new AtomicBoolean();
        DataSource flaky = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && databaseDown.get()) {
                        throw new SQLTransientConnectionException("database down");
                    }
                    return method.invoke(db, args);
                });
        try (DefaultCamelContext camel = camel("webhook")) {
            ProducerTemplate template = camel.createProducerTemplate();
            NotificationWriter writer = new NotificationWriter(new SentNotifications(flaky),
                    new NotificationTemplates(Path.of("templates"), "orders@chief.example"),
                    message -> {
                        template.requestBodyAndHeaders("direct:notify", message.eml(), message.headers());
                        databaseDown.set(true); // the channel took it; now the database goes away
                    },
                    new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry()), new SimpleMeterRegistry(), 3,
                    Duration.ofMillis(10), retryDuration);
            RecordBatch batch = batch(result("d-1", "Completed"), result("d-2", "Failed"));

            assertThatThrownBy(() -> writer.handle(batch)).isInstanceOf(SystemUnavailableException.class);
            assertThatThrownBy(() -> writer.handle(batch)).as("still down: held").isInstanceOf(SystemUnavailableException.class);
            databaseDown.set(false);
            assertThatThrownBy(() -> writer.handle(batch)).as("d-2 sent, then the database goes down again")
                    .isInstanceOf(SystemUnavailableException.class);
            databaseDown.set(false);
            writer.handle(batch);

            assertThat(accepted).containsExactly("d-1 <d-1.Completed@chief>", "d-2 <d-2.Failed@chief>");
            assertThat(Databases.rows(db, "SELECT order_id FROM notification_sent ORDER BY order_id")).containsExactly("d-1", "d-2");
        }
    }

    @Test
    void aMessageTheReceiverKeepsRefusingWhileTakingOthersHoldsNobodyAndIsDeadLetteredAfterTheRetryDuration() throws Exception {
        retryDuration = Duration.ofSeconds(2);
        try (DefaultCamelContext camel = camel("webhook")) {
            NotificationWriter writer = writer(camel);
            RecordBatch first = batch(result("w-1", "Completed"), result("stuck-1", "Completed"), result("w-3", "Failed"));
            RecordBatch later = batch(result("w-4", "Completed"));

            assertThat(writer.handle(first)).as("the checkpoint waits for the refused message").isNull();
            assertThat(writer.handle(later)).as("a later batch is not held back, its checkpoint waits too").isNull();
            assertThat(accepted).as("everyone else told at once")
                    .containsExactly("w-1 <w-1.Completed@chief>", "w-3 <w-3.Failed@chief>", "w-4 <w-4.Completed@chief>");
            assertThat(deadLetters()).as("refused for less than the retry duration").isEmpty();

            Checkpoint passed = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> writer.idle("shardId-0"), checkpoint -> checkpoint != null);
            assertThat(passed).as("the checkpoint passes once it is set aside").isEqualTo(later.last());
        }
        assertThat(posted.stream().filter(body -> body.contains("stuck-1")).count()).as("retried meanwhile").isGreaterThan(3);
        assertThat(deadLetters()).singleElement().asString().contains("stuck-1").contains("refused")
                .contains("500").contains("while others were taken").contains("first ");
        assertThat(meters.get("chief.refused.given.up").tag("application", "jobresult-notify").counter().count()).isEqualTo(1);
        assertThat(Databases.rows(db, "SELECT order_id FROM notification_sent ORDER BY order_id"))
                .containsExactly("w-1", "w-3", "w-4");
    }

    @Test
    void aChannelRefusingEverythingHoldsTheBatchBeyondTheRetryDurationAndDeadLettersNothing() throws Exception {
        retryDuration = Duration.ofMillis(500);
        webhookStatus.set(500);
        try (DefaultCamelContext camel = camel("webhook")) {
            NotificationWriter writer = writer(camel);
            RecordBatch batch = batch(result("o-1", "Completed"), result("o-2", "Failed"), result("o-3", "Completed"));

            assertThatThrownBy(() -> writer.handle(batch)).isInstanceOf(SystemUnavailableException.class);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> offerAgain(writer, batch) == null && deadLetters().isEmpty());
            assertThat(accepted).isEmpty();

            webhookStatus.set(200);
            assertThat(handleAsTheConsumerWould(writer, batch, Duration.ofSeconds(30))).isZero();
        }
        assertThat(accepted).containsExactlyInAnyOrder("o-1 <o-1.Completed@chief>", "o-2 <o-2.Failed@chief>",
                "o-3 <o-3.Completed@chief>");
        assertThat(deadLetters()).as("an outage dead-letters nothing").isEmpty();
    }

    /** The batch offered again as the consumer does while the channel is down: null while held, however it holds. */
    private static Checkpoint offerAgain(NotificationWriter writer, RecordBatch batch) throws Exception {
        try {
            return writer.handle(batch);
        } catch (SystemUnavailableException held) {
            return null;
        }
    }

    /** The process dying in the middle of a batch (an Error: nothing in the writer may catch it). */
    private static final class Crash extends Error {
    }

    /**
     * Hands the batch over as the stream consumer does: a held batch is offered again after a growing pause,
     * and while the writer owes the batch's checkpoint (messages held for retry) it is asked again when idle.
     * Returns how often the batch was held.
     */
    private static int handleAsTheConsumerWould(NotificationWriter writer, RecordBatch batch, Duration patience) throws Exception {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        for (int held = 0; ; held++) {
            try {
                Checkpoint checkpoint = writer.handle(batch);
                while (checkpoint == null) {
                    assertThat(System.nanoTime()).as("checkpoint given in time").isLessThan(giveUpAt);
                    Thread.sleep(100); // the consumer's poll interval
                    checkpoint = writer.idle(batch.shardId());
                }
                assertThat(checkpoint).isEqualTo(batch.last());
                return held;
            } catch (SystemUnavailableException channelDown) {
                if (System.nanoTime() > giveUpAt) {
                    throw channelDown;
                }
                Thread.sleep(Math.min(1_000, 100L << Math.min(held, 4))); // the consumer's growing back-off
            }
        }
    }

    private static List<String> recipients(GreenMail mail) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (var address : message.getAllRecipients()) {
                recipients.add(address.toString());
            }
        }
        return recipients;
    }

    private List<String> deadLetters() throws Exception {
        Path letters = dir.resolve("dead-letter/jobresult-notify");
        if (!Files.isDirectory(letters)) {
            return List.of();
        }
        try (var files = Files.list(letters)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.toList()) {
                texts.add(Files.readString(file));
            }
            return texts;
        }
    }

    @Test
    void hostileIdsFromTheStreamStayInTheOutboxAndNeverBecomeEmailHeaders() throws Exception {
        List<String> filed = List.of("../../etc/x", "a/b", "o/".repeat(36)); // order_id holds 73 characters
        try (DefaultCamelContext camel = camel("outbox")) {
            List<UserRecord> records = new ArrayList<>();
            filed.forEach(id -> records.add(hostile(id, "c@example.com")));
            records.add(hostile("cr\r\nBcc: victim@example.com", "d@example.com"));
            records.add(hostile("h-1", "e@example.com\r\nBcc: victim@example.com"));
            records.add(hostile("nul\0x", "f@example.com")); // the order id is part of the Message-ID header
            writer(camel).handle(batch(records.toArray(UserRecord[]::new)));
        }
        Path outbox = dir.resolve("outbox");
        try (var files = Files.walk(dir)) {
            List<Path> written = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".eml")).toList();
            assertThat(written).hasSize(filed.size()).allSatisfy(file -> assertThat(file.getParent()).isEqualTo(outbox));
            for (Path file : written) {
                assertThat(Files.readString(file)).doesNotContain("victim");
            }
        }
        assertThat(deadLetters()).hasSize(3).allSatisfy(letter -> assertThat(letter).contains("line break or NUL"));
    }

    /** Chief writes the local outbox directly (OutboxChannel), not through the Kamelet: the same files, names and bytes. */
    @Test
    void theDirectOutboxChannelWritesTheSameFilesAsTheKamelet() throws Exception {
        List<UserRecord> records = new ArrayList<>(List.of(result("d-1", "Completed"), result("d-2", "Failed"),
                hostile("../../etc/x", "c@example.com"), hostile("a/b", "c@example.com"), hostile("cr\r\nBcc: v@example.com", "d@example.com")));
        try (DefaultCamelContext camel = camel("outbox")) {
            writer(camel).handle(batch(records.toArray(UserRecord[]::new)));
        }
        try (var connection = db.getConnection(); var statement = connection.createStatement()) {
            statement.execute("DELETE FROM notification_sent"); // the same messages, sent again through the other writer
        }
        Path direct = dir.resolve("direct");
        new NotificationWriter(new SentNotifications(db), new NotificationTemplates(Path.of("templates"), "orders@chief.example"),
                new OutboxChannel(direct), new DeadLetters(dir.resolve("dead-letter-direct"), new SimpleMeterRegistry()), meters, 3,
                Duration.ofMillis(10), retryDuration).handle(batch(records.toArray(UserRecord[]::new)));
        try (var viaKamelet = Files.list(dir.resolve("outbox"))) {
            List<Path> expected = viaKamelet.sorted().toList();
            assertThat(expected).hasSize(4);
            try (var written = Files.list(direct)) {
                assertThat(written.map(p -> p.getFileName().toString()).sorted())
                        .containsExactlyElementsOf(expected.stream().map(p -> p.getFileName().toString()).toList());
            }
            for (Path file : expected) {
                assertThat(direct.resolve(file.getFileName())).hasSameBinaryContentAs(file);
            }
        }
    }

    @Test
    void anIdTooLongToRecordIsSentOnceAndSetAsideInsteadOfHoldingTheStream() throws Exception {
        String longId = "l".repeat(300);
        try (DefaultCamelContext camel = camel("webhook")) {
            writer(camel).handle(batch(hostile(longId, "g@example.com"), result("after-1", "Completed")));
        }
        assertThat(accepted).containsExactly(longId + " <" + longId + ".Completed@chief>", "after-1 <after-1.Completed@chief>");
        assertThat(deadLetters()).singleElement().asString().contains("not recorded");
    }

    @Test
    void theKameletRefusesALineBreakInAnEmailHeaderOnEveryChannel() throws Exception {
        try (DefaultCamelContext camel = camel("smtp", Map.of("chief.notify.smtp-port", String.valueOf(FreePorts.next())))) {
            Map<String, Object> headers = new java.util.HashMap<>(Map.of("chiefTo", "a@example.com\r\nBcc: victim@example.com",
                    "chiefSubject", "hello", "chiefText", "text", "chiefMessageId", "<x@chief>", "chiefNotificationFile", "x.eml",
                    "chiefNotificationJson", "{}"));
            assertThatThrownBy(() -> camel.createProducerTemplate().sendBodyAndHeaders("direct:notify", "eml", headers))
                    .hasRootCauseInstanceOf(UnsafeHeaderException.class);
            headers.put("chiefTo", "a@example.com");
            headers.put("chiefSubject", "hello\nBcc: victim@example.com");
            assertThatThrownBy(() -> camel.createProducerTemplate().sendBodyAndHeaders("direct:notify", "eml", headers))
                    .hasRootCauseInstanceOf(UnsafeHeaderException.class);
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
                writer(camel).handle(batch(result("e-1", "Completed"), result(FakeAwsQueryApi.REJECTED_PREFIX + "-1", "Completed")));
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
        assertThat(calls).hasSize(3);
        assertThat(deadLetters()).as("only the message SES rejected").singleElement().asString()
                .contains("rejected-1@example.com").contains("not verified");
        assertThat(calls.get(0)).containsEntry("Action", "SendEmail")
                .containsEntry("Source", "orders@chief.example")
                .containsEntry("Destination.ToAddresses.member.1", "e-1@example.com")
                .containsEntry("Message.Subject.Data", "Your Chief order e-1 is ready");
        assertThat(calls.get(0).get("Message.Body.Text.Data")).contains("robot3 in factory2");
        assertThat(calls.get(2)).containsEntry("Action", "Publish").containsEntry("TopicArn", topic);
        assertThat(calls.get(2).get("Message")).contains("material lace unavailable");
    }

    @Test
    void aCustomerIsToldOnlyTheFirstFinalStatusAcrossBatchesAndRestartsAContradictingOneIsDeadLetteredAndCounted()
            throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DefaultCamelContext camel = camel("outbox")) {
            RecordBatch first = batch(result("c-1", "Completed"), result("c-1", "Failed"));
            assertThat(guarded(writer(camel), meters).handle(first)).isEqualTo(first.last());
            guarded(writer(camel), meters).handle(batch(result("c-1", "Failed"))); // a later batch, after a restart
            try (var files = Files.list(dir.resolve("outbox"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("c-1-Completed.eml");
            }
        }
        assertThat(Databases.rows(db, "SELECT order_id, status FROM notification_sent")).containsExactly("c-1 Completed");
        assertThat(deadLetters()).hasSize(2).allSatisfy(letter -> assertThat(letter)
                .contains("order c-1: final status Failed set aside, it contradicts Completed"));
        assertThat(meters.get("chief.job.results.contradicting").tag("application", "jobresult-notify").counter().count())
                .isEqualTo(2);
    }

    /** The writer as Chief runs it: the jobresult-notify application, guarded by its first final statuses. */
    private BatchHandler guarded(NotificationWriter writer, SimpleMeterRegistry meters) {
        return OneFinalStatus.guard(new ConsumingApplication(NotifyApplication.NAME, ConsumedStream.JOB_RESULTS, writer),
                new FinalStatuses(db), new DeadLetters(dir.resolve("dead-letter"), meters), meters).handler();
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
        return writer(camel, message -> { });
    }

    /** A writer over the test's database, calling {@code beforeSend} before each message goes to the notify-send route. */
    private NotificationWriter writer(DefaultCamelContext camel, Consumer<Notification> beforeSend) {
        ProducerTemplate template = camel.createProducerTemplate();
        return new NotificationWriter(new SentNotifications(db), new NotificationTemplates(Path.of("templates"), "orders@chief.example"),
                message -> {
                    beforeSend.accept(message);
                    template.requestBodyAndHeaders("direct:notify", message.eml(), message.headers());
                },
                new DeadLetters(dir.resolve("dead-letter"), new SimpleMeterRegistry()), meters, 3, Duration.ofMillis(10),
                retryDuration);
    }

    private RecordBatch batch(UserRecord... records) {
        return new RecordBatch("jobresult-notify", "JobResultsStream", "shardId-0", List.of(records));
    }

    /** A final job result with the given ids, JSON-encoded, as a producer that skipped validation could write it. */
    private UserRecord hostile(String order, String customer) {
        String json = Json.MAPPER.createObjectNode().put("orderId", order).put("customer", customer).put("factoryId", "factory2")
                .put("robotId", "robot3").put("status", "Completed").put("timestamp", Instant.now().toString()).toString();
        return new UserRecord("shardId-0", "k", String.valueOf(sequence.incrementAndGet()), 0, Instant.now(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private UserRecord record(String partitionKey, String json) {
        return new UserRecord("shardId-0", partitionKey, String.valueOf(sequence.incrementAndGet()), 0, Instant.now(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private UserRecord result(String order, String status) {
        String reason = status.equals("Failed") ? ",\"reason\":\"material lace unavailable from the just-in-time supplier\"" : "";
        String json = "{\"orderId\":\"" + order + "\",\"customer\":\"" + order + "@example.com\",\"factoryId\":\"factory2\","
                + "\"robotId\":\"robot3\",\"status\":\"" + status + "\"" + reason + ",\"timestamp\":\"" + Instant.now() + "\"}";
        return new UserRecord("shardId-0", order, String.valueOf(sequence.incrementAndGet()), 0, Instant.now(),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
