package com.chief.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets read from AWS Secrets Manager by ARN, kept in memory and read again on a schedule, so that a
 * rotated secret reaches Chief without a restart: whoever registered for a secret is told its new value
 * (the pool's next connections, the search login, the SMTP login). A secret stored as JSON (as RDS and
 * the rotation templates store them) gives its {@code password} field; any other secret is used whole.
 * A failed re-read keeps the value in hand and is logged by ARN; values are never logged.
 */
public final class RotatingSecrets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingSecrets.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;
    private final Duration refresh;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public RotatingSecrets(SecretsManagerClient client, Duration refresh) {
        this.client = client;
        this.refresh = refresh;
    }

    /** The secret's value, read now the first time (a secret Chief cannot read stops it starting). */
    public String current(String arn) {
        return values.computeIfAbsent(arn, this::read);
    }

    /** Calls the listener with each new value of the secret after a re-read finds it changed. */
    public void onChange(String arn, Consumer<String> listener) {
        current(arn);
        listeners.computeIfAbsent(arn, key -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Reads every secret in hand again; tells the listeners of those that changed. */
    public void refreshNow() {
        for (String arn : List.copyOf(values.keySet())) {
            String fresh;
            try {
                fresh = read(arn);
            } catch (RuntimeException e) {
                LOG.warn("Could not read secret {} again ({}); keeping the value in hand", arn, e.getClass().getSimpleName());
                continue;
            }
            String previous = values.put(arn, fresh);
            if (!fresh.equals(previous)) {
                LOG.info("Secret {} changed: new connections use the new value", arn);
                for (Consumer<String> listener : listeners.getOrDefault(arn, List.of())) {
                    listener.accept(fresh);
                }
            }
        }
    }

    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "chief-secrets-refresh");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::refreshNow, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        client.close();
    }

    private String read(String arn) {
        String secret = client.getSecretValue(r -> r.secretId(arn)).secretString();
        if (secret == null) {
            throw new IllegalStateException("Secret " + arn + " has no string value (a binary secret cannot be a password)");
        }
        return passwordIn(secret);
    }

    /** {@code {"username":..,"password":..}} gives the password; anything else is the secret itself. */
    static String passwordIn(String secret) {
        String trimmed = secret.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(trimmed);
                if (json.hasNonNull("password")) {
                    return json.get("password").asText();
                }
            } catch (java.io.IOException e) {
                // not JSON after all: the secret is the password
            }
        }
        return secret;
    }
}
