package com.chief.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.chief.support.FreePorts;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.AttributeMap;

class StsStubIT {

    @Test
    void answersGetCallerIdentityOverTlsOnLoopback() {
        int port = FreePorts.next();
        try (StsStub stub = new StsStub(port);
                StsClient sts = StsClient.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(URI.create("https://127.0.0.1:" + port))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)))
                        // like the KPL locally: the stub's certificate is self-signed
                        .httpClient(ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build()))
                        .build()) {
            stub.start();
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(StsStub.ACCOUNT);
            assertThat(identity.arn()).startsWith("arn:aws:iam::" + StsStub.ACCOUNT);
        }
        assertThat(FreePorts.isFree(port)).isTrue();
    }
}
