package com.chief.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.BinaryUtils;

/**
 * Signs an HTTP request with AWS Signature Version 4 (the SDK's {@link AwsV4HttpSigner}) for one
 * service and region, with credentials from the given provider, resolved on every request (so a role's
 * rotated credentials are used as soon as the provider has them). The body's SHA-256 is sent as
 * {@code x-amz-content-sha256}, which OpenSearch Serverless ({@code aoss}) requires and OpenSearch
 * Service accepts.
 */
public final class SigV4Signer {

    /** The headers a signature adds; a transport sends them as they are. */
    private static final List<String> SIGNED = List.of("Host", "X-Amz-Date", "X-Amz-Security-Token",
            "x-amz-content-sha256", "Authorization");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String service;

    public SigV4Signer(AwsCredentialsProvider credentials, String region, String service) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
    }

    /** The headers to add to the request: Host (the value signed), X-Amz-Date, the token if any, the body hash, Authorization. */
    public Map<String, String> sign(String method, URI uri, byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        URI target = withoutDefaultPort(uri);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(target)
                .putHeader("x-amz-content-sha256", sha256Hex(payload))
                .build();
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : SIGNED) {
            signed.request().firstMatchingHeader(name).ifPresent(value -> headers.put(name, value));
        }
        if (!headers.containsKey("Host")) {
            headers.put("Host", hostHeader(target));
        }
        return headers;
    }

    /** {@code https://host:443/...} is {@code https://host/...}: the Host a client sends and the one signed agree. */
    public static URI withoutDefaultPort(URI uri) {
        int port = uri.getPort();
        boolean standard = (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        if (!standard) {
            return uri;
        }
        String rest = (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return URI.create(uri.getScheme() + "://" + uri.getHost() + rest);
    }

    private static String hostHeader(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    static String sha256Hex(byte[] payload) {
        try {
            return BinaryUtils.toHex(java.security.MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SigV4[" + service + " in " + region + "]";
    }
}
