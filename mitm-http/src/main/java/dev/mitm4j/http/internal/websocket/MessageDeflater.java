package dev.mitm4j.http.internal.websocket;

import java.util.Arrays;
import java.util.zip.Deflater;
import okio.Buffer;

/**
 * Compresses the messages of one direction under permessage-deflate (RFC 7692 §7.2.1): raw
 * DEFLATE ending each message with a sync flush whose 0x00 0x00 0xff 0xff tail is stripped.
 *
 * <p><b>Window size.</b> {@link Deflater} always compresses with a 32 KiB (15-bit) window; the JDK
 * cannot make it smaller. When the peer demands a smaller window for what we send
 * ({@code server_max_window_bits} from a client, {@code client_max_window_bits} from a server), we
 * still accept the negotiation (so the peer may compress toward us, which our inflater always
 * decodes) and stay within the demanded window another way: the compressor is reset before each
 * message, and a message is compressed only when it is no longer than the window, so no
 * back-reference can reach further than the peer keeps. Longer messages, and streamed messages
 * whose length is unknown, go uncompressed (RSV1 clear), which RFC 7692 §6 allows per message.
 * With a 15-bit window every message is compressed and the context is kept across messages unless
 * we promised no context takeover.
 *
 * <p>Call order per message: {@link #compresses} decides; then either {@link #compress} for a
 * whole message, or {@link #deflate} per chunk and {@link #finishMessage} at the end. Not
 * thread-safe. {@link #close()} frees the native deflater.
 */
public final class MessageDeflater implements AutoCloseable {
    /** The only window size {@link Deflater} compresses with. */
    public static final int JDK_WINDOW_BITS = 15;

    /** Output space kept between messages; a larger buffer grown for one message is dropped. */
    private static final int KEPT = 16 * 1024;

    private final Deflater deflater;
    private final boolean resetAfterMessage;
    private final int maxWindowBits;
    private byte[] out = new byte[KEPT];
    private int outLen;

    /**
     * @param noContextTakeover whether we promised to reset the compressor after each message
     * @param maxWindowBits the largest window the peer decodes with, 8 to 15
     * @param level the {@link Deflater} compression level
     */
    public MessageDeflater(boolean noContextTakeover, int maxWindowBits, int level) {
        if (maxWindowBits < 8 || maxWindowBits > JDK_WINDOW_BITS) {
            throw new IllegalArgumentException("maxWindowBits must be in 8..15: " + maxWindowBits);
        }
        this.deflater = new Deflater(level, true);
        this.maxWindowBits = maxWindowBits;
        this.resetAfterMessage = noContextTakeover || maxWindowBits < JDK_WINDOW_BITS;
    }

    /** Creates a deflater at {@link Deflater#DEFAULT_COMPRESSION}. */
    public MessageDeflater(boolean noContextTakeover, int maxWindowBits) {
        this(noContextTakeover, maxWindowBits, Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * {@return whether a message of {@code length} bytes is to be compressed; -1 stands for a
     * streamed message of unknown length}
     */
    public boolean compresses(long length) {
        return maxWindowBits == JDK_WINDOW_BITS
                || (length >= 0 && length <= (1L << maxWindowBits));
    }

    /** {@return the compressed payload of a whole message, tail stripped} */
    public byte[] compress(byte[] message, int off, int len) {
        outLen = 0;
        input(message, off, len);
        int end = flush();
        byte[] payload = end < 0 ? new byte[1] : Arrays.copyOf(out, end);
        release();
        return payload;
    }

    /** Compresses a chunk of the current message, appending whatever output is ready to sink. */
    public void deflate(byte[] chunk, int off, int len, Buffer sink) {
        outLen = 0;
        input(chunk, off, len);
        sink.write(out, 0, outLen);
        release();
    }

    /** Ends the current message: flushes, appends the rest of its output to sink minus the tail. */
    public void finishMessage(Buffer sink) {
        outLen = 0;
        int end = flush();
        if (end < 0) {
            sink.writeByte(0);
        } else {
            sink.write(out, 0, end);
        }
        release();
    }

    /** Feeds input, collecting what the deflater yields in {@code out}. */
    private void input(byte[] b, int off, int len) {
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            room();
            outLen += deflater.deflate(out, outLen, out.length - outLen, Deflater.NO_FLUSH);
        }
    }

    /**
     * Sync-flushes into {@code out} and ends the message for the compressor.
     *
     * @return the length of the output without its 00 00 ff ff tail; -1 when the flush yielded
     *     nothing, which happens for an empty message right after another: zlib writes no second
     *     empty block, and the caller sends the single 0x00 byte of RFC 7692 §7.2.3.6 instead
     */
    private int flush() {
        int start = outLen;
        int n;
        do {
            room();
            n = deflater.deflate(out, outLen, out.length - outLen, Deflater.SYNC_FLUSH);
            outLen += n;
        } while (outLen == out.length);
        if (resetAfterMessage) {
            deflater.reset();
        }
        if (outLen == start) {
            return -1;
        }
        if (outLen - start < 4 || out[outLen - 4] != 0 || out[outLen - 3] != 0
                || out[outLen - 2] != (byte) 0xff || out[outLen - 1] != (byte) 0xff) {
            throw new IllegalStateException("sync flush did not end with 00 00 ff ff");
        }
        return outLen - 4;
    }

    private void room() {
        if (out.length - outLen < 1024) {
            out = Arrays.copyOf(out, out.length * 2);
        }
    }

    private void release() {
        if (out.length > KEPT) {
            out = new byte[KEPT];
        }
    }

    @Override
    public void close() {
        deflater.end();
    }
}
