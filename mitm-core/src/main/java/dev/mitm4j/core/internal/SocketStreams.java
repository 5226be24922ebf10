package dev.mitm4j.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import okio.Sink;
import okio.Source;
import okio.Timeout;

/**
 * okio streams over a socket's plain streams that move up to 64 KiB per system call. okio's own
 * stream adapters read and write one 8 KiB segment per call, which caps streamed throughput; here
 * a per-stream array gathers segments for one large write and takes one large read.
 *
 * <p>The arrays start small and grow (doubling, up to {@link #CHUNK}) only when a stream moves
 * that much at once: a connection that carries small requests keeps 16 KiB per direction instead
 * of 64 KiB, which matters for many idle keep-alive connections and for the cost of each new
 * connection (the arrays are allocated and zeroed per connection), while a streamed download
 * reaches the large reads after a few calls.
 */
public final class SocketStreams {
    static final int CHUNK = 64 * 1024;
    static final int FIRST_CHUNK = 16 * 1024;

    private SocketStreams() {}

    public static BufferedSource source(InputStream in) {
        return Okio.buffer(new LargeReadSource(in));
    }

    public static BufferedSink sink(OutputStream out) {
        return Okio.buffer(new LargeWriteSink(out));
    }

    private static final class LargeReadSource implements Source {
        private final InputStream in;
        private byte[] chunk = new byte[FIRST_CHUNK];

        LargeReadSource(InputStream in) {
            this.in = in;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (byteCount == 0) {
                return 0;
            }
            // Deliberately up to CHUNK even when less was asked: okio's RealBufferedSource asks
            // for one 8 KiB segment at a time and keeps whatever more arrives in its buffer.
            // This source is only ever wrapped by Okio.buffer (see source()).
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                return -1;
            }
            sink.write(chunk, 0, n);
            if (n == chunk.length && chunk.length < CHUNK) {
                chunk = new byte[chunk.length * 2];   // the peer sends faster than we read
            }
            return n;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class LargeWriteSink implements Sink {
        private final OutputStream out;
        private byte[] chunk = new byte[0];

        LargeWriteSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(Buffer source, long byteCount) throws IOException {
            long remaining = byteCount;
            while (remaining > 0) {
                int n = (int) Math.min(remaining, CHUNK);
                if (chunk.length < n) {
                    chunk = new byte[Math.min(CHUNK,
                            Math.max(FIRST_CHUNK, Integer.highestOneBit(n - 1) << 1))];
                }
                int filled = 0;
                while (filled < n) {
                    filled += source.read(chunk, filled, n - filled);
                }
                out.write(chunk, 0, n);
                remaining -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
