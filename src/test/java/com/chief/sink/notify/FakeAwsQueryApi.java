package com.chief.sink.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for SES and SNS (both AWS Query APIs: form-encoded POSTs, XML answers) on 127.0.0.1:
 * records each call's parameters and answers SendEmail and Publish as AWS would; an e-mail to an
 * address starting with {@value #REJECTED_PREFIX} is refused with SES's MessageRejected.
 */
final class FakeAwsQueryApi {

    static final String REJECTED_PREFIX = "rejected";

    private FakeAwsQueryApi() {
    }

    static HttpServer start(List<Map<String, String>> calls) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            calls.add(form);
            String action = form.getOrDefault("Action", "");
            String namespace = action.equals("Publish") ? "http://sns.amazonaws.com/doc/2010-03-31/"
                    : "http://ses.amazonaws.com/doc/2010-12-01/";
            boolean rejected = form.getOrDefault("Destination.ToAddresses.member.1", "").startsWith(REJECTED_PREFIX);
            byte[] answer = (rejected
                    ? "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>Sender</Type><Code>MessageRejected</Code>"
                            + "<Message>Email address is not verified.</Message></Error><RequestId>r-" + calls.size()
                            + "</RequestId></ErrorResponse>"
                    : "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result><MessageId>m-"
                            + calls.size() + "</MessageId></" + action + "Result><ResponseMetadata><RequestId>r-" + calls.size()
                            + "</RequestId></ResponseMetadata></" + action + "Response>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(rejected ? 400 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }
}
