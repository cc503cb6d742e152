package com.chief.config;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** One producer template for the applications' calls into their routes, created on first use (after start). */
final class RouteCalls {

    private final CamelContext context;
    private volatile ProducerTemplate template;

    RouteCalls(CamelContext context) {
        this.context = context;
    }

    ProducerTemplate template() {
        if (template == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
            }
        }
        return template;
    }
}
