package com.chief.sink.notify;

import org.apache.camel.builder.RouteBuilder;

/** Customer notifications go out through the chief-notification-sink Kamelet, on the configured channel. */
public class NotifyRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // the notify application retries and dead-letters itself

        from(NotifyApplication.SEND_ENDPOINT)
                .routeId("notify-send")
                .to("kamelet:chief-notification-sink"
                        + "?channel={{chief.notify.channel}}"
                        + "&outboxDir={{chief.notify.outbox-dir}}"
                        + "&webhookUrl={{chief.notify.webhook-url}}"
                        + "&from={{chief.notify.from}}"
                        + "&smtpHost={{chief.notify.smtp-host}}"
                        + "&smtpPort={{chief.notify.smtp-port}}"
                        + "&snsTopicArn={{chief.notify.sns-topic-arn}}");
    }
}
