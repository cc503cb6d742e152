package com.chief.sink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chief.aws.SigV4Signer;
import com.chief.bootstrap.SearchTemplates;
import com.chief.config.ChiefSettings;
import com.chief.config.SearchClients;
import com.chief.health.Probes;
import com.chief.support.SigV4CheckingSearchServer;
import com.chief.support.SigV4Verifier;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.transport.rest_client.RestClientTransport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * chief.search.auth=sigv4 against a stand-in domain that recomputes every request's signature with the
 * test credentials ({@link SigV4Verifier}, written from the algorithm, not from the SDK's signer): each
 * way Chief talks to search passes, and the same requests with wrong credentials, or unsigned, are refused.
 */
class SigV4SearchRequestsTest {

    private static final String REGION = "eu-west-1";
    private static final String ACCESS_KEY = "AKIDCHIEFTEST";
    private static final String SECRET_KEY = "chief-test-secret-not-a-real-one";

    private SigV4CheckingSearchServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRequestTheEngineMakesIsSignedAndAccepted() throws Exception {
        server = new SigV4CheckingSearchServer(new SigV4Verifier(ACCESS_KEY, SECRET_KEY, REGION, "es", Clock.systemUTC(), false));
        ChiefSettings.Search search = search(server.url(), signer(ACCESS_KEY, SECRET_KEY, "es"));

        everyCall(search);

        assertThat(server.seen()).isNotEmpty().allSatisfy(seen -> assertThat(seen.refusal()).as(seen.target()).isNull());
        assertThat(server.seen()).extracting(SigV4CheckingSearchServer.Seen::target).anySatisfy(t -> assertThat(t).isEqualTo("/_bulk"))
                .anySatisfy(t -> assertThat(t).startsWith("/_index_template/"))
                .anySatisfy(t -> assertThat(t).startsWith("/chief-*/_settings?"))
                .anySatisfy(t -> assertThat(t).isEqualTo("/_cluster/health"))
                .anySatisfy(t -> assertThat(t).contains("/_refresh?"))
                .anySatisfy(t -> assertThat(t).contains("/_search?"))
                .anySatisfy(t -> assertThat(t).isEqualTo("/_dashboards/api/saved_objects/_import?overwrite=true"));
    }

    @Test
    void wrongCredentialsAreRefusedOnEveryPath() throws Exception {
        server = new SigV4CheckingSearchServer(new SigV4Verifier(ACCESS_KEY, SECRET_KEY, REGION, "es", Clock.systemUTC(), false));
        ChiefSettings.Search search = search(server.url(), signer(ACCESS_KEY, "not-the-secret", "es"));

        assertThatThrownBy(() -> SearchTemplates.apply(search)).hasMessageContaining("HTTP 403");
        assertThatThrownBy(() -> Probes.search(search).check()).hasMessageContaining("HTTP 403");
        try (var client = SearchClients.opensearch(search)) {
            assertThatThrownBy(() -> bulk(client)).hasMessageContaining("Forbidden");
            assertThatThrownBy(() -> SearchLookup.requests(client).send("POST", "/chief-orders-*/_refresh", null))
                    .hasMessageContaining("403");
        }
        assertThat(DashboardImport.send(server.url().resolve("/_dashboards"), "{}".getBytes(), search.requestAuth()).statusCode())
                .isEqualTo(403);
        assertThat(server.seen()).isNotEmpty()
                .allSatisfy(seen -> assertThat(seen.refusal()).isEqualTo("signature does not match"));
    }

    @Test
    void unsignedOrOtherServiceRequestsAreRefused() throws Exception {
        server = new SigV4CheckingSearchServer(new SigV4Verifier(ACCESS_KEY, SECRET_KEY, REGION, "es", Clock.systemUTC(), false));
        ChiefSettings.Search basic = search(server.url(), SearchAuthorization.basic("admin", "pw"));
        assertThatThrownBy(() -> Probes.search(basic).check()).hasMessageContaining("HTTP 403");
        ChiefSettings.Search serverless = search(server.url(), signer(ACCESS_KEY, SECRET_KEY, "aoss"));
        assertThatThrownBy(() -> Probes.search(serverless).check()).hasMessageContaining("HTTP 403");
        assertThat(server.seen()).extracting(SigV4CheckingSearchServer.Seen::refusal)
                .containsExactly("not a SigV4 Authorization header", "scope is " + REGION + "/aoss, not " + REGION + "/es");
    }

    @Test
    void serverlessRequestsCarryTheBodyHashTheyAreSignedWith() throws Exception {
        server = new SigV4CheckingSearchServer(new SigV4Verifier(ACCESS_KEY, SECRET_KEY, REGION, "aoss", Clock.systemUTC(), true));
        ChiefSettings.Search search = search(server.url(), signer(ACCESS_KEY, SECRET_KEY, "aoss"));

        everyCall(search);

        assertThat(server.seen()).isNotEmpty().allSatisfy(seen -> {
            assertThat(seen.refusal()).as(seen.target()).isNull();
            assertThat(seen.contentSha256()).isTrue();
        });
    }

    @Test
    void theDefaultCredentialsChainSignsWithASessionToken() throws Exception {
        server = new SigV4CheckingSearchServer(new SigV4Verifier(ACCESS_KEY, SECRET_KEY, REGION, "es", Clock.systemUTC(), false)
                .requiringSessionToken("chief-test-session-token"));
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.sessionToken", "chief-test-session-token");
        try {
            ChiefSettings.Search search = search(server.url(), SearchClients.sigV4(REGION, "es"));
            try (var client = SearchClients.opensearch(search)) {
                assertThat(bulk(client).errors()).isFalse();
            }
            assertThat(Probes.search(search).check()).isEqualTo("cluster green");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            System.clearProperty("aws.sessionToken");
        }
        assertThat(server.seen()).hasSize(2).allSatisfy(seen -> assertThat(seen.refusal()).isNull());
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        server = new SigV4CheckingSearchServer(new SigV4Verifier(ACCESS_KEY, SECRET_KEY, REGION, "es", Clock.systemUTC(), false));
        SigV4Signer signer = new SigV4Signer(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                REGION, "es");
        SearchAuthorization signsAnotherBody = (method, uri, body) -> signer.sign(method, uri, "{}".getBytes());
        ChiefSettings.Search search = search(server.url(), signsAnotherBody);
        assertThatThrownBy(() -> SearchTemplates.apply(search)).hasMessageContaining("HTTP 403");
        assertThat(server.seen().get(0).refusal()).isEqualTo("x-amz-content-sha256 is not the body's hash");
    }

    /** Every way Chief sends to search: templates and settings, health, the bulk path, lookups, trace, dashboards. */
    private void everyCall(ChiefSettings.Search search) throws Exception {
        SearchTemplates.apply(search);
        assertThat(Probes.search(search).check()).isEqualTo("cluster green");
        try (var client = SearchClients.opensearch(search)) {
            BulkResponse response = bulk(client);
            assertThat(response.errors()).isFalse();
            assertThat(response.items()).hasSize(2);
            SearchLookup.requests(client).send("POST", "/chief-orders-*,chief-job-status/_refresh?ignore_unavailable=true"
                    + "&allow_no_indices=true", null);
            SearchLookup.requests(client).send("POST", "/chief-orders-*/_search?ignore_unavailable=true",
                    "{\"query\":{\"ids\":{\"values\":[\"o-1\"]}}}");
        }
        HttpResponse<String> imported = DashboardImport.send(server.url().resolve("/_dashboards"), DashboardImport.bundled(),
                search.requestAuth());
        assertThat(imported.statusCode()).isEqualTo(200);
    }

    /** The bulk path as camel-opensearch takes it: opensearch-java over the registry's REST client. */
    private static BulkResponse bulk(org.opensearch.client.RestClient client) throws Exception {
        OpenSearchClient opensearch = new OpenSearchClient(new RestClientTransport(client, new JacksonJsonpMapper()));
        BulkRequest request = new BulkRequest.Builder().operations(List.of(
                org.opensearch.client.opensearch.core.bulk.BulkOperation.of(op -> op.index(i -> i.index("chief-orders-2026.12")
                        .id("o-1").document(Map.of("orderId", "o-1", "note", "ünïcode * and spaces")))),
                org.opensearch.client.opensearch.core.bulk.BulkOperation.of(op -> op.index(i -> i.index("chief-orders-2026.12")
                        .id("o-2").document(Map.of("orderId", "o-2")))))).build();
        return opensearch.bulk(request);
    }

    private static SearchAuthorization signer(String accessKey, String secretKey, String service) {
        return SearchClients.sigV4(new SigV4Signer(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(accessKey, secretKey, "session-" + service)), REGION, service));
    }

    private static ChiefSettings.Search search(URI url, SearchAuthorization auth) {
        return new ChiefSettings.Search(SearchEngine.OPENSEARCH, url, false, "", "", "chief-orders", "chief-job-status",
                "chief-job-history", "yyyy.MM", Duration.ofMinutes(5), "250ms").withRequestAuth(auth);
    }
}
