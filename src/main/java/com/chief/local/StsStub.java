package com.chief.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTPS endpoint that answers STS {@code GetCallerIdentity}: the KPL's native daemon asks
 * it at start and gives up without an answer, and the Kinesis emulator has no STS. It serves the
 * emulator's own bundled self-signed certificate (the KPL runs with certificate checks off locally).
 */
public final class StsStub implements EmbeddedServer {

    public static final String ACCOUNT = "000000000000";
    private static final Logger LOG = LoggerFactory.getLogger(StsStub.class);
    private static final String CERTIFICATE_BUNDLE = "chief/kinesis-local/server.json";
    private static final char[] KEYSTORE_PASSWORD = "local".toCharArray();

    private final int port;
    private HttpsServer server;

    public StsStub(int port) {
        this.port = port;
    }

    @Override
    public void start() {
        PortCheck.requireFree(port, "STS stub (chief.local.sts-port)");
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
            server.createContext("/", this::answer);
            server.start();
        } catch (Exception e) {
            throw new LocalStackException("Cannot start the local STS stub on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        LOG.info("STS stub on https://127.0.0.1:{}", port);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = ("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>arn:aws:iam::%s:user/chief-local</Arn>
                    <UserId>AIDACHIEFLOCAL</UserId>
                    <Account>%s</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>
                """.formatted(ACCOUNT, ACCOUNT, UUID.randomUUID())).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static SSLContext sslContext() throws Exception {
        JsonNode pem;
        try (InputStream in = StsStub.class.getClassLoader().getResourceAsStream(CERTIFICATE_BUNDLE)) {
            if (in == null) {
                throw new LocalStackException("Missing " + CERTIFICATE_BUNDLE + ": rebuild with 'mvn package'");
            }
            pem = new ObjectMapper().readTree(in).get("server");
        }
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem.get("key").asText())));
        Certificate certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.get("cert").asText().getBytes(StandardCharsets.US_ASCII)));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("sts", key, KEYSTORE_PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, KEYSTORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
