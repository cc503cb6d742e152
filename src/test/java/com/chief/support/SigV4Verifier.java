package com.chief.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 the way the receiving service does, written from the published
 * algorithm and independent of the SDK's signer: canonical request, string to sign, the HMAC-SHA256
 * key chain (AWS4+secret, date, region, service, aws4_request), and the signature compared. For
 * signed headers ({@code Authorization}) and for presigned URLs (the RDS IAM token).
 */
public final class SigV4Verifier {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;
    private final Clock clock;
    private final boolean contentSha256Required;
    private String sessionToken;

    public SigV4Verifier(String accessKey, String secretKey, String region, String service, Clock clock,
            boolean contentSha256Required) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
        this.clock = clock;
        this.contentSha256Required = contentSha256Required;
    }

    /** Temporary credentials: every request must carry this token in X-Amz-Security-Token, signed (as AWS refuses otherwise). */
    public SigV4Verifier requiringSessionToken(String token) {
        this.sessionToken = token;
        return this;
    }

    /**
     * Why a request signed in its headers is refused, or null when its signature is right.
     * {@code headers}: names in any case, each with the values received.
     */
    public String refusal(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> lower = new HashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        String authorization = first(lower, "authorization");
        if (authorization == null) {
            return "no Authorization header";
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return "not a SigV4 Authorization header";
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2) {
                parts.put(kv[0], kv[1]);
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return "Authorization lacks Credential, SignedHeaders or Signature";
        }
        String amzDate = first(lower, "x-amz-date");
        if (amzDate == null) {
            return "no X-Amz-Date";
        }
        List<String> signed = List.of(signedHeaders.split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            return "host and x-amz-date must be signed";
        }
        if (sessionToken != null) {
            if (!sessionToken.equals(first(lower, "x-amz-security-token"))) {
                return "no or another X-Amz-Security-Token";
            }
            if (!signed.contains("x-amz-security-token")) {
                return "x-amz-security-token must be signed";
            }
        }
        String payloadHash = sha256Hex(body);
        String declared = first(lower, "x-amz-content-sha256");
        if (declared == null && contentSha256Required) {
            return "no x-amz-content-sha256";
        }
        if (declared != null && !declared.equals(payloadHash)) {
            return "x-amz-content-sha256 is not the body's hash";
        }
        if (contentSha256Required && !signed.contains("x-amz-content-sha256")) {
            return "x-amz-content-sha256 must be signed";
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signed) {
            List<String> values = lower.get(name);
            if (values == null) {
                return "signed header " + name + " was not sent";
            }
            List<String> trimmed = values.stream().map(v -> v.trim().replaceAll(" +", " ")).toList();
            canonicalHeaders.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        String canonicalRequest = method + "\n" + canonicalPath(rawPath) + "\n" + canonicalQuery(rawQuery, null) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        return checkSignature(credential, amzDate, canonicalRequest, signature, Duration.ofMinutes(5));
    }

    /** Why a presigned URL ({@code host:port/?Action=connect&DBUser=...&X-Amz-...}, no scheme) is refused, or null. */
    public String presignedRefusal(String token) {
        int slash = token.indexOf('/');
        int question = token.indexOf('?');
        if (slash < 0 || question < slash) {
            return "not host:port/?query";
        }
        String host = token.substring(0, slash);
        String path = token.substring(slash, question);
        String query = token.substring(question + 1);
        Map<String, String> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(decode(kv[0]), kv.length == 2 ? decode(kv[1]) : "");
        }
        if (!"AWS4-HMAC-SHA256".equals(params.get("X-Amz-Algorithm"))) {
            return "X-Amz-Algorithm is not AWS4-HMAC-SHA256";
        }
        if (!"host".equals(params.get("X-Amz-SignedHeaders"))) {
            return "only host may be signed";
        }
        String expires = params.get("X-Amz-Expires");
        if (expires == null) {
            return "no X-Amz-Expires";
        }
        String canonicalRequest = "GET\n" + canonicalPath(path) + "\n" + canonicalQuery(query, "X-Amz-Signature") + "\n"
                + "host:" + host + "\n\nhost\n" + EMPTY_SHA256;
        return checkSignature(params.get("X-Amz-Credential"), params.get("X-Amz-Date"), canonicalRequest,
                params.get("X-Amz-Signature"), Duration.ofSeconds(Long.parseLong(expires)));
    }

    private String checkSignature(String credential, String amzDate, String canonicalRequest, String signature, Duration validity) {
        if (credential == null || amzDate == null || signature == null) {
            return "credential, date or signature missing";
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            return "malformed credential scope " + credential;
        }
        if (!scope[0].equals(accessKey)) {
            return "unknown access key";
        }
        if (!scope[2].equals(region) || !scope[3].equals(service)) {
            return "scope is " + scope[2] + "/" + scope[3] + ", not " + region + "/" + service;
        }
        if (!amzDate.startsWith(scope[1])) {
            return "X-Amz-Date is not the scope's date";
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(Duration.ofMinutes(5))) || now.isAfter(signedAt.plus(validity))) {
            return "signature expired or from the future (" + amzDate + ")";
        }
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope[1] + "/" + region + "/" + service + "/aws4_request\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))
                ? null : "signature does not match";
    }

    /** Each segment URI-encoded once more (every service but S3 signs the path as sent, encoded again). */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i]));
        }
        return out.toString();
    }

    /** Parameters decoded, encoded strictly, sorted by name then value, joined by {@code &}. */
    static String canonicalQuery(String rawQuery, String leaveOut) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String name = decode(kv[0]);
            if (name.equals(leaveOut)) {
                continue;
            }
            params.add(new String[] {encode(name), encode(kv.length == 2 ? decode(kv[1]) : "")});
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = params.stream().map(p -> p[0] + "=" + p[1]).toList();
        return String.join("&", joined);
    }

    /** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** %XX to bytes; a {@code +} stays a plus (URLs, not forms). */
    static String decode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public static String sha256Hex(byte[] data) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(data == null ? new byte[0] : data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }
}
