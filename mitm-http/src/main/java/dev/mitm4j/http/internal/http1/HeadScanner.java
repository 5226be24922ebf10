package dev.mitm4j.http.internal.http1;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Gets head bytes out of the connection's okio buffer quickly: {@link #copyBuffered} copies whole
 * segments with {@code System.arraycopy} (through {@link Buffer.UnsafeCursor}, without consuming)
 * into an array followed by an LF sentinel, and {@link #awaitBlockEnd} waits for more bytes,
 * scanning each new byte once for the empty line that ends a head. Scanning okio's buffer with
 * its own {@code indexOf} per line cost more than parsing; plain array loops do not.
 *
 * <p>The array is new for each copy and not kept: a reader of an idle keep-alive connection
 * holds no head bytes (a kept array grew to the largest head-plus-buffered-body copied, up to
 * 16 KiB per reader). A copy is usually small: a head is parsed first from what one read
 * brought, and such reads take at most a few KiB (see mitm-core's SocketStreams).
 */
final class HeadScanner {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = 0x0a0a0a0a0a0a0a0aL;

    private final BufferedSource source;
    private final Buffer buffer;
    private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();

    HeadScanner(BufferedSource source) {
        this.source = source;
        this.buffer = source.getBuffer();
    }

    /**
     * {@return a new array with up to {@code max} buffered bytes and an LF after them} The number
     * of bytes copied is its length minus one.
     */
    byte[] copyBuffered(int max) {
        int n = (int) Math.min(buffer.size(), max);
        byte[] bytes = new byte[n + 1];
        if (n > 0) {
            try (Buffer.UnsafeCursor c = buffer.readUnsafe(cursor)) {
                c.seek(0);
                for (int copied = 0; ; c.next()) {
                    int chunk = Math.min(c.end - c.start, n - copied);
                    System.arraycopy(c.data, c.start, bytes, copied, chunk);
                    copied += chunk;
                    if (copied == n) {
                        break;
                    }
                }
            }
        }
        bytes[n] = '\n';
        return bytes;
    }

    /**
     * Reads from the source until the buffer holds a complete block (an LF followed by an empty
     * line, or at the very start an empty line when {@code atLineStart}), holds {@code max}
     * bytes, or the stream ends. Each byte is examined once.
     */
    void awaitBlockEnd(int max, boolean atLineStart) throws IOException {
        int state = atLineStart ? 1 : 0; // 0: inside a line, 1: after LF, 2: after LF CR
        long scanned = 0;
        while (true) {
            long size = buffer.size();
            if (scanned < size) {
                state = scan(scanned, size, state);
                if (state < 0) {
                    return;
                }
                scanned = size;
            }
            if (size >= max || !source.request(size + 1)) {
                return;
            }
        }
    }

    /** {@return the new scan state, or -1 when an empty line ends the block} */
    private int scan(long from, long to, int state) {
        try (Buffer.UnsafeCursor c = buffer.readUnsafe(cursor)) {
            c.seek(from);
            long at = from;
            while (at < to) {
                byte[] data = c.data;
                int end = (int) Math.min(c.end, c.start + (to - at));
                for (int i = c.start; i < end; i++) {
                    byte b = data[i];
                    if (b == '\n') {
                        if (state != 0) {
                            return -1;
                        }
                        state = 1;
                    } else {
                        state = (b == '\r' && state == 1) ? 2 : 0;
                    }
                }
                at += end - c.start;
                if (at < to) {
                    c.next();
                }
            }
        }
        return state;
    }

    /** {@return the index of the first LF in {@code b[0, limit)}, or -1} */
    static int indexOfLf(byte[] b, int limit) {
        int i = 0;
        for (; i + 8 <= limit; i += 8) {
            long x = (long) LONGS.get(b, i) ^ LFS;
            if (((x - ONES) & ~x & HIGHS) != 0) {
                break; // an LF is in these eight bytes
            }
        }
        for (; i < limit; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
