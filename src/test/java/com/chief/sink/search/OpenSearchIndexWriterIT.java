package com.chief.sink.search;

import com.chief.config.ChiefSettings;
import com.chief.local.LocalStack;
import com.chief.support.TestSettings;
import java.nio.file.Path;
import java.util.Map;

/** camel-opensearch against the embedded OpenSearch 2.19 of the local stack. */
class OpenSearchIndexWriterIT extends SearchIndexWriterContract {

    private LocalStack stack;

    @Override
    ChiefSettings.Search startEngine(Path dir) {
        ChiefSettings settings = TestSettings.local(dir, Map.of(
                "chief.kinesis.endpoint", "http://127.0.0.1:1", "chief.s3.endpoint", "http://127.0.0.1:1"));
        stack = new LocalStack(settings);
        stack.start();
        return settings.search();
    }

    @Override
    void stopEngine() {
        if (stack != null) {
            stack.stop();
        }
    }
}
