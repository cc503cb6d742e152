package com.chief.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chief.config.AwsClients;
import com.chief.config.ChiefSettings;
import com.chief.support.FreePorts;
import com.chief.support.TestSettings;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.AttributeMap;

class KinesisEmulatorIT {

    @TempDir
    Path dataDir;

    @Test
    void servesKinesisOnLoopbackOnlyAndStopsWithoutLeavingAProcess() throws Exception {
        ChiefSettings settings = TestSettings.local(dataDir);
        int port = settings.localStack().kinesisPort();
        int tlsPort = settings.localStack().kinesisTlsPort();
        int stsPort = settings.localStack().stsPort();
        KinesisEmulator emulator = emulator(settings);
        emulator.start();
        ProcessHandle process = ProcessHandle.of(emulator.pid()).orElseThrow();
        try (KinesisClient kinesis = AwsClients.kinesis(settings)) {
            kinesis.createStream(r -> r.streamName("Probe").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("Probe"));
            kinesis.putRecord(r -> r.streamName("Probe").partitionKey("k").data(SdkBytes.fromUtf8String("hello")));
            String shardId = kinesis.listShards(r -> r.streamName("Probe")).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(r -> r.streamName("Probe").shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).records();
            assertThat(records).extracting(rec -> rec.data().asString(StandardCharsets.UTF_8)).containsExactly("hello");

            Optional<InetAddress> external = nonLoopbackAddress();
            if (external.isPresent()) {
                assertThat(canConnect(external.get(), port)).as("reachable on " + external.get()).isFalse();
                assertThat(canConnect(external.get(), tlsPort)).as("TLS reachable on " + external.get()).isFalse();
                assertThat(canConnect(external.get(), stsPort)).as("STS reachable on " + external.get()).isFalse();
            }
        } finally {
            emulator.close();
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(FreePorts.isFree(port)).isTrue();
        assertThat(FreePorts.isFree(tlsPort)).isTrue();
        assertThat(FreePorts.isFree(stsPort)).isTrue();
    }

    @Test
    void keepsStreamsAcrossARestart() throws Exception {
        ChiefSettings settings = TestSettings.local(dataDir);
        try (KinesisEmulator first = emulator(settings);
                KinesisClient kinesis = AwsClients.kinesis(settings)) {
            first.start();
            kinesis.createStream(r -> r.streamName("Durable").shardCount(2));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("Durable"));
        }
        try (KinesisEmulator second = emulator(settings);
                KinesisClient kinesis = AwsClients.kinesis(settings)) {
            second.start();
            assertThat(kinesis.describeStreamSummary(r -> r.streamName("Durable"))
                    .streamDescriptionSummary().openShardCount()).isEqualTo(2);
        }
    }

    @Test
    void anEmulatorThatDiesIsStartedAgainWithItsData() throws Exception {
        ChiefSettings settings = TestSettings.local(dataDir);
        try (KinesisEmulator emulator = emulator(settings);
                KinesisClient kinesis = AwsClients.kinesis(settings)) {
            emulator.start();
            kinesis.createStream(r -> r.streamName("Survivor").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("Survivor"));
            kinesis.putRecord(r -> r.streamName("Survivor").partitionKey("k").data(SdkBytes.fromUtf8String("kept")));
            long first = emulator.pid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> emulator.pid() != first
                    && kinesis.describeStreamSummary(r -> r.streamName("Survivor")).streamDescriptionSummary() != null);
            String shardId = kinesis.listShards(r -> r.streamName("Survivor")).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(r -> r.streamName("Survivor").shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                    .extracting(rec -> rec.data().asString(StandardCharsets.UTF_8)).containsExactly("kept");
            assertThat(emulator.pid()).isEqualTo(Long.parseLong(Files.readString(dataDir.resolve("kinesis/emulator.pid")).strip()));
        }
    }

    @Test
    void missingNodeIsExplainedWithTheAlternatives() {
        KinesisEmulator emulator = new KinesisEmulator("/nonexistent/node", dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next());
        assertThatThrownBy(emulator::start)
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Node.js")
                .hasMessageContaining("CHIEF_KINESIS_ENDPOINT=http://localhost:4566")
                .hasMessageContaining("CHIEF_PROFILE=aws");
    }

    @Test
    void aTakenPortIsReportedWithItsProperty() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KinesisEmulator emulator = new KinesisEmulator("node", dataDir, taken.getLocalPort(), FreePorts.next(), FreePorts.next());
            assertThatThrownBy(emulator::start)
                    .hasMessageContaining("in use")
                    .hasMessageContaining("chief.local.kinesis-port");
        }
    }

    @Test
    void answersTheKplsStsCallOverTls() {
        ChiefSettings settings = TestSettings.local(dataDir);
        int port = settings.localStack().stsPort();
        try (KinesisEmulator emulator = emulator(settings);
                StsClient sts = StsClient.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(URI.create("https://127.0.0.1:" + port))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                        // like the KPL locally: the certificate is self-signed
                        .httpClient(ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build()))
                        .build()) {
            emulator.start();
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("000000000000");
            assertThat(identity.arn()).startsWith("arn:aws:iam::000000000000:");
        }
    }

    private KinesisEmulator emulator(ChiefSettings settings) {
        ChiefSettings.LocalStackSettings local = settings.localStack();
        return new KinesisEmulator("node", dataDir, local.kinesisPort(), local.kinesisTlsPort(), local.stsPort());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                Optional<InetAddress> v4 = nic.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst();
                if (v4.isPresent()) {
                    return v4;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean canConnect(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
