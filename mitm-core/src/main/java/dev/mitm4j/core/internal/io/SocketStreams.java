package dev.mitm4j.core.internal.io;

import dev.mitm4j.core.spi.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;
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
 * a write gathers segments into one 64 KiB array for one large write, and a read takes up to
 * 64 KiB at once.
 *
 * <p>No stream owns an array between calls, so that an idle keep-alive connection costs little
 * (bench/connections.sh). The 64 KiB arrays are borrowed from {@code ChunkPool} for one call,
 * and a read borrows one only while bytes stream in: when the read before it brought at least
 * 2 KiB. Otherwise, and whenever the source's {@code waiting} flag says that the read waits for
 * a silent peer (a client's next request on a keep-alive connection), it reads into a 2 KiB array
 * of its own, allocated for that call: that array is all a waiting read holds. A read that fills
 * its array is followed by a large one in any case. A message of up to 2 KiB still arrives in
 * one read; a larger one costs one read more before the large ones.
 */
public final class SocketStreams {
    /**
     * Whether a read of the client connection waits for the client to send, in every context of
     * a client connection: a layer that makes new client streams (TLS) gives it to them.
     */
    public static final Context.Key<BooleanSupplier> CLIENT_WAITING =
            Context.Key.of("clientWaiting", BooleanSupplier.class);

    static final int CHUNK = 64 * 1024;
    /** What a read that may wait for long holds while it waits. */
    static final int WAIT_CHUNK = 2 * 1024;

    private SocketStreams() {}

    /** {@return a source over {@code in}} */
    public static BufferedSource source(InputStream in) {
        return source(in, () -> false);
    }

    /**
     * {@return a source over {@code in} whose reads take only 2 KiB while {@code waiting} is
     * true (asked on the reading thread, at each read)}
     */
    public static BufferedSource source(InputStream in, BooleanSupplier waiting) {
        return Okio.buffer(new LargeReadSource(in, waiting));
    }

    public static BufferedSink sink(OutputStream out) {
        return Okio.buffer(new LargeWriteSink(out));
    }

    private static final class LargeReadSource implements Source {
        private final InputStream in;
        private final BooleanSupplier waiting;
        /** Whether the last read brought a lot: more is arriving, read 64 KiB at once. */
        private boolean streaming;
        /** Whether the last read filled its array: more is there already. */
        private boolean filled;

        LargeReadSource(InputStream in, BooleanSupplier waiting) {
            this.in = in;
            this.waiting = waiting;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (byteCount == 0) {
                return 0;
            }
            // Deliberately more than asked: okio's RealBufferedSource asks for one 8 KiB
            // segment at a time and keeps whatever more arrives in its buffer. This source is
            // only ever wrapped by Okio.buffer (see source()).
            // A read that may wait takes a small array; once one was filled, bytes are flowing
            // and the next reads are large even while waiting (a large TLS record arriving).
            if (!filled && (!streaming || waiting.getAsBoolean())) {
                return readInto(new byte[WAIT_CHUNK], sink);
            }
            byte[] chunk = ChunkPool.take();
            try {
                return readInto(chunk, sink);
            } finally {
                ChunkPool.give(chunk);
            }
        }

        private int readInto(byte[] chunk, Buffer sink) throws IOException {
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                streaming = false;
                filled = false;
                return -1;
            }
            sink.write(chunk, 0, n);
            streaming = n >= WAIT_CHUNK;
            filled = n == chunk.length;
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

        LargeWriteSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(Buffer source, long byteCount) throws IOException {
            byte[] chunk = ChunkPool.take();
            try {
                long remaining = byteCount;
                while (remaining > 0) {
                    int n = (int) Math.min(remaining, CHUNK);
                    int filled = 0;
                    while (filled < n) {
                        filled += source.read(chunk, filled, n - filled);
                    }
                    out.write(chunk, 0, n);
                    remaining -= n;
                }
            } finally {
                ChunkPool.give(chunk);
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
