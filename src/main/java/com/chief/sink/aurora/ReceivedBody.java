package com.chief.sink.aurora;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An S3 object's body as it arrives, counted against its Content-Length. Any I/O failure of the
 * body, and an end before all bytes came, is a {@link TransferCutShort}; so a gzip that ends early
 * although every byte came is the object's own fault, and a plain object cut short is never loaded
 * as if it were shorter.
 */
final class ReceivedBody extends FilterInputStream {

    private final String key;
    private final long expected;
    private long received;

    /** {@code expected} is the Content-Length, or -1 when S3 gave none (then only failures count). */
    ReceivedBody(InputStream body, String key, long expected) {
        super(body);
        this.key = key;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = checked(() -> super.read());
        if (b >= 0) {
            received++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = checked(() -> super.read(buffer, offset, length));
        if (n > 0) {
            received += n;
        }
        return n;
    }

    /** Skips by reading, so that skipped bytes are counted too. */
    @Override
    public long skip(long n) throws IOException {
        return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }

    private int checked(Read read) throws IOException {
        int result;
        try {
            result = read.run();
        } catch (TransferCutShort e) {
            throw e;
        } catch (IOException e) {
            throw new TransferCutShort(key, received, expected, e);
        }
        if (result < 0 && expected >= 0 && received < expected) {
            throw new TransferCutShort(key, received, expected, null);
        }
        return result;
    }

    private interface Read {
        int run() throws IOException;
    }
}
