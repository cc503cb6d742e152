package com.chief.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The customers' side of the webhook notification channel, on 127.0.0.1: counts every delivery per
 * Idempotency-Key ({@code <orderId.status@chief>}), so a test sees each message and each repeat.
 * The messages of the orders it is told to {@link #refuse} are answered 500, always: a receiver that
 * keeps refusing one message while it takes the others. Those are counted apart, never as deliveries.
 */
final class WebhookReceiver implements AutoCloseable {

    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Set<String> refusedOrders = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    /** Deliveries per Idempotency-Key, filled while the receiver runs. */
    Map<String, AtomicInteger> deliveries() {
        return deliveries;
    }

    /** Messages answered 500, per Idempotency-Key. */
    Map<String, AtomicInteger> refusals() {
        return refusals;
    }

    /** From now on every message of this order is answered 500. */
    WebhookReceiver refuse(String orderId) {
        refusedOrders.add(orderId);
        return this;
    }

    /** From now on this order's messages are taken again. */
    WebhookReceiver accept(String orderId) {
        refusedOrders.remove(orderId);
        return this;
    }

    WebhookReceiver start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/notify", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String message = key == null ? "<none.none@chief>" : key;
            boolean refused = refusedOrders.stream().anyMatch(order -> message.startsWith("<" + order + "."));
            (refused ? refusals : deliveries).computeIfAbsent(message, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(refused ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        return this;
    }

    /** The URL to give Chief as {@code CHIEF_NOTIFY_WEBHOOK_URL}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
