package com.chief.consume;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** Hands each batch to an application's route ({@code direct:<application>}) and returns when the route is done. */
public final class CamelBatchHandler implements BatchHandler {

    private final CamelContext context;
    private final String endpoint;
    private volatile ProducerTemplate template;

    public CamelBatchHandler(CamelContext context, String endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    @Override
    public Checkpoint handle(RecordBatch batch) {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        template.requestBody(endpoint, batch);
        return batch.last();
    }
}
