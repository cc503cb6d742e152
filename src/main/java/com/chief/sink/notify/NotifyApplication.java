package com.chief.sink.notify;

import com.chief.consume.ConsumedStream;
import com.chief.consume.ConsumingApplication;
import com.chief.consume.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The jobresult-notify application: reads the job-results stream and tells each customer once per
 * order and final status ({@link NotificationWriter}; what was sent is remembered in the database,
 * not in the shared dedupe), through the {@code notify-send} route ({@link NotifyRoutes}).
 */
public final class NotifyApplication {

    public static final String NAME = "jobresult-notify";
    /** The endpoint that sends one message on a Kamelet channel ({@link NotifyRoutes}); the wiring's channel sends there. */
    public static final String SEND_ENDPOINT = "direct:notify";

    private NotifyApplication() {
    }

    /** {@code channel} sends one message (through the notify-send route) and throws if it could not. */
    public static ConsumingApplication create(DataSource dataSource, Path templatesDir, String from,
            Consumer<Notification> channel, DeadLetters deadLetters, MeterRegistry meters, int attempts, Duration retryDelay,
            Duration retryDuration) {
        return new ConsumingApplication(NAME, ConsumedStream.JOB_RESULTS, new NotificationWriter(new SentNotifications(dataSource),
                new NotificationTemplates(templatesDir, from), channel, deadLetters, meters, attempts, retryDelay,
                retryDuration));
    }
}
