package com.chief.aws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A request body read into memory, so that it can be hashed for a signature and then sent: keeps the
 * original entity's content type and encoding.
 */
final class BufferedEntityProducer implements AsyncEntityProducer {

    private final byte[] content;
    private final String contentType;
    private final String contentEncoding;
    private ByteBuffer remaining;

    BufferedEntityProducer(byte[] content, String contentType, String contentEncoding) {
        this.content = content;
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
        this.remaining = ByteBuffer.wrap(content);
    }

    /** Reads everything the producer would send. */
    static byte[] drain(AsyncEntityProducer producer) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean[] ended = {false};
        DataStreamChannel channel = new DataStreamChannel() {
            @Override
            public void requestOutput() {
            }

            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                byte[] chunk = new byte[n];
                src.get(chunk);
                out.write(chunk, 0, n);
                return n;
            }

            @Override
            public void endStream() {
                ended[0] = true;
            }

            @Override
            public void endStream(List<? extends Header> trailers) {
                ended[0] = true;
            }
        };
        try {
            int idle = 0;
            while (!ended[0]) {
                int before = out.size();
                producer.produce(channel);
                idle = out.size() == before && !ended[0] ? idle + 1 : 0;
                if (idle > 1_000) {
                    throw new IOException("The request body did not end (a streamed body cannot be signed)");
                }
            }
        } finally {
            producer.releaseResources();
        }
        return out.toByteArray();
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public void failed(Exception cause) {
    }

    @Override
    public int available() {
        return remaining.remaining();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        if (remaining.hasRemaining()) {
            channel.write(remaining);
        }
        if (!remaining.hasRemaining()) {
            channel.endStream();
        }
    }

    @Override
    public long getContentLength() {
        return content.length;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getContentEncoding() {
        return contentEncoding;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public void releaseResources() {
        remaining = ByteBuffer.wrap(content);
    }
}
