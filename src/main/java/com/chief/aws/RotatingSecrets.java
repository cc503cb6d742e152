package com.chief.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * rotated secret reaches Chief without a restart: the search and SMTP logins read the value in hand at
 * each use, and whoever registered for a secret (the database pool) is told its new value. A secret
 * stored as JSON (as RDS and the rotation templates store them) gives its {@code password} field, and its
 * {@code username} when it has one; a JSON secret without a password is refused rather than sent whole.
 * A failed re-read keeps the value in hand and is logged by ARN; values are never logged.
 */
public final class RotatingSecrets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingSecrets.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;
    private final Duration refresh;
    private final Map<String, Secret> values = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<Secret>>> listeners = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public RotatingSecrets(SecretsManagerClient client, Duration refresh) {
        this.client = client;
        this.refresh = refresh;
    }

    /** A password, and the user it belongs to when the secret names one. */
    public record Secret(Optional<String> username, String password) {
        @Override
        public String toString() {
            return "Secret[username=" + username.orElse("") + "]"; // never the password
        }
    }

    /** The secret's password, read now the first time (a secret Chief cannot read stops it starting). */
    public String current(String arn) {
        return secret(arn).password();
    }

    /** The secret as a whole, read now the first time. */
    public Secret secret(String arn) {
        return values.computeIfAbsent(arn, this::read);
    }

    /**
     * Calls the listener with the secret's value after a re-read finds it changed, and once now with the value in
     * hand: a rotation that landed between the first read and this registration is not missed.
     */
    public void onChange(String arn, Consumer<Secret> listener) {
        listeners.computeIfAbsent(arn, key -> new CopyOnWriteArrayList<>()).add(listener);
        tell(arn, listener, secret(arn));
    }

    /** Reads every secret in hand again; tells the listeners of those that changed. */
    public void refreshNow() {
        for (String arn : List.copyOf(values.keySet())) {
            Secret fresh;
            try {
                fresh = read(arn);
            } catch (RuntimeException e) {
                // the SDK's message names the ARN and the error code (AccessDenied, throttling), never the value
                LOG.warn("Could not read secret {} again ({}); keeping the value in hand", arn, e.getMessage());
                continue;
            }
            Secret previous = values.put(arn, fresh);
            if (!fresh.equals(previous)) {
                LOG.info("Secret {} changed: new connections use the new value", arn);
                for (Consumer<Secret> listener : listeners.getOrDefault(arn, List.of())) {
                    tell(arn, listener, fresh);
                }
            }
        }
    }

    /** A listener that throws must neither stop the others nor, thrown into the scheduler, every later re-read. */
    private static void tell(String arn, Consumer<Secret> listener, Secret secret) {
        try {
            listener.accept(secret);
        } catch (RuntimeException e) {
            LOG.error("Handing on the new value of secret {} failed ({})", arn, e.getClass().getSimpleName());
        }
    }

    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "chief-secrets-refresh");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::refreshQuietly, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** An exception thrown into a scheduled task would end the schedule for good, silently. */
    private void refreshQuietly() {
        try {
            refreshNow();
        } catch (RuntimeException e) {
            LOG.error("Re-reading the secrets failed ({}); trying again in {} s", e.getClass().getSimpleName(), refresh.toSeconds());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS); // a re-read under way ends before its client closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        client.close();
    }

    private Secret read(String arn) {
        String secret = client.getSecretValue(r -> r.secretId(arn)).secretString();
        if (secret == null) {
            throw new IllegalStateException("Secret " + arn + " has no string value (a binary secret cannot be a password)");
        }
        return parse(arn, secret);
    }

    /**
     * {@code {"username":..,"password":..}} gives both; a JSON object without a password is refused (sent whole, it
     * would hand every value it holds to a server as a password); anything else is the password itself.
     */
    static Secret parse(String arn, String secret) {
        String trimmed = secret.trim();
        if (trimmed.startsWith("{")) {
            JsonNode json;
            try {
                json = JSON.readTree(trimmed);
            } catch (IOException e) {
                return new Secret(Optional.empty(), secret); // not JSON after all: the secret is the password
            }
            if (!json.path("password").isTextual()) {
                throw new IllegalStateException("Secret " + arn + " is JSON without a \"password\" field");
            }
            Optional<String> username = json.path("username").isTextual()
                    ? Optional.of(json.get("username").asText()) : Optional.empty();
            return new Secret(username, json.get("password").asText());
        }
        return new Secret(Optional.empty(), secret);
    }
}
