package com.chief.sink.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** The chief-s3-archive-sink Kamelet keys an object without a key of its own by ArchiveLayout, like the archive's. */
class ArchiveSinkKameletTest {

    @Test
    void anObjectWithoutAKeyGoesUnderTheHourItIsWritten() throws Exception {
        List<String> keys = new CopyOnWriteArrayList<>();
        S3Client s3 = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "putObject" -> {
                        keys.add(((PutObjectRequest) args[0]).key());
                        yield PutObjectResponse.builder().build();
                    }
                    case "serviceName" -> "s3";
                    case "toString" -> "recording S3";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("s3Client", s3);
            camel.getComponent("kamelet", KameletComponent.class).setLocation("file:kamelets");
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("memory.camel.yaml", """
                    - route:
                        from:
                          uri: direct:rejects
                          steps:
                            - to: kamelet:chief-s3-archive-sink?bucket=archive&keyPrefix=rejects
                    """));
            camel.start();
            String before = ArchiveLayout.hourPrefix("rejects", Instant.now());
            camel.createProducerTemplate().sendBody("direct:rejects", "{}");
            String after = ArchiveLayout.hourPrefix("rejects", Instant.now());
            assertThat(keys).singleElement().satisfies(key -> {
                assertThat(key).matches("rejects/\\d{4}/\\d{2}/\\d{2}/\\d{2}/.+\\.json");
                assertThat(key.startsWith(before) || key.startsWith(after)).as(key).isTrue();
            });
        }
    }
}
