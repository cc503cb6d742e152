package com.chief.aws;

import com.chief.sink.search.SearchAuthorization;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Signs each request an Apache HttpClient 5 async client sends (the OpenSearch REST client's bulk,
 * search and get calls): placed last in the exec chain, after the client has added its own headers,
 * it reads the body, adds the headers the authorization returns (the signature, the Host it covers)
 * and sends the same bytes on. Every request passes here and is signed when it is sent (the REST client
 * itself does not retry).
 */
public final class SigningExecInterceptor implements AsyncExecChainHandler {

    public static final String NAME = "chief-sigv4";

    private final SearchAuthorization authorization;

    public SigningExecInterceptor(SearchAuthorization authorization) {
        this.authorization = authorization;
    }

    @Override
    public void execute(HttpRequest request, AsyncEntityProducer entity, AsyncExecChain.Scope scope, AsyncExecChain chain,
            AsyncExecCallback callback) throws HttpException, IOException {
        AsyncEntityProducer body = entity;
        byte[] content = new byte[0];
        if (entity != null) {
            content = BufferedEntityProducer.drain(entity);
            body = new BufferedEntityProducer(content, entity.getContentType(), entity.getContentEncoding());
        }
        URI uri;
        try {
            uri = request.getUri();
        } catch (URISyntaxException e) {
            throw new HttpException("Cannot sign a request to " + request.getRequestUri(), e);
        }
        for (Map.Entry<String, String> header : authorization.headers(request.getMethod(), uri, content).entrySet()) {
            request.setHeader(header.getKey(), header.getValue());
        }
        chain.proceed(request, body, scope, callback);
    }
}
