package dev.mitm4j.http.internal.websocket;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.function.IntSupplier;
import okio.BufferedSink;

/**
 * Writes frames as one endpoint (RFC 6455 §5): the shortest length encoding, and, when the sender
 * is the {@link Role#CLIENT}, a fresh masking key per frame from the key source (by default a
 * {@link SecureRandom}, as §5.3 asks: a proxy writing toward a server re-masks every frame rather
 * than reusing the client's keys). The caller's payload array is never modified.
 *
 * <p>Checks only what would make the frame itself invalid ({@link IllegalArgumentException}): a
 * reserved opcode, a control frame that is fragmented, compressed or longer than 125 bytes,
 * compression on a continuation frame. Message-level rules belong to {@link MessageWriter}.
 * Nothing is flushed until {@link #flush()}. Not thread-safe: {@link MessageWriter} serialises
 * writers of one direction.
 */
public final class FrameWriter {
    private static final int SCRATCH = 8 * 1024;

    private final BufferedSink sink;
    private final boolean mask;
    private final IntSupplier maskKeys;
    private final byte[] scratch;

    /**
     * @param sink where the frames go
     * @param sender which endpoint writes them: a client masks, a server does not
     * @param maskKeys the source of masking keys, one call per frame (a client only)
     */
    public FrameWriter(BufferedSink sink, Role sender, IntSupplier maskKeys) {
        this.sink = sink;
        this.mask = sender == Role.CLIENT;
        this.maskKeys = maskKeys;
        this.scratch = mask ? new byte[SCRATCH] : new byte[0];
    }

    /** Creates a writer masking (as a client) with keys from a new {@link SecureRandom}. */
    public FrameWriter(BufferedSink sink, Role sender) {
        this(sink, sender, secureKeys());
    }

    /**
     * {@return a source of masking keys from a new {@link SecureRandom}, drawn 4 KiB at a time
     * (one call per key would cost more than masking a small frame)} Not thread-safe: one per
     * writer.
     */
    public static IntSupplier secureKeys() {
        SecureRandom random = new SecureRandom();
        byte[] pool = new byte[4096];
        int[] next = {pool.length};
        return () -> {
            if (next[0] == pool.length) {
                random.nextBytes(pool);
                next[0] = 0;
            }
            int i = next[0];
            next[0] = i + 4;
            return (pool[i] & 0xff) << 24 | (pool[i + 1] & 0xff) << 16
                    | (pool[i + 2] & 0xff) << 8 | (pool[i + 3] & 0xff);
        };
    }

    /**
     * Writes one frame.
     *
     * @param fin whether this is the final frame of its message
     * @param rsv1 whether to set RSV1 (the first frame of a compressed message)
     * @param opcode one of {@link Opcodes}
     * @throws IllegalArgumentException when the frame would be invalid, as listed above
     */
    public void writeFrame(boolean fin, boolean rsv1, int opcode, byte[] payload, int off, int len)
            throws IOException {
        check(fin, rsv1, opcode, len);
        sink.writeByte((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        int maskBit = mask ? 0x80 : 0;
        if (len <= FrameReader.MAX_CONTROL_PAYLOAD) {
            sink.writeByte(maskBit | len);
        } else if (len <= 0xffff) {
            sink.writeByte(maskBit | 126);
            sink.writeShort(len);
        } else {
            sink.writeByte(maskBit | 127);
            sink.writeLong(len);
        }
        if (!mask) {
            sink.write(payload, off, len);
            return;
        }
        int key = maskKeys.getAsInt();
        sink.writeInt(key);
        for (int done = 0; done < len; ) {
            int n = Math.min(SCRATCH, len - done);
            System.arraycopy(payload, off + done, scratch, 0, n);
            Masking.apply(scratch, 0, n, key, done);
            sink.write(scratch, 0, n);
            done += n;
        }
    }

    /** Writes one frame with the whole of {@code payload}. */
    public void writeFrame(boolean fin, boolean rsv1, int opcode, byte[] payload)
            throws IOException {
        writeFrame(fin, rsv1, opcode, payload, 0, payload.length);
    }

    /** Flushes the frames written so far to the underlying sink. */
    public void flush() throws IOException {
        sink.flush();
    }

    private static void check(boolean fin, boolean rsv1, int opcode, int len) {
        if (!Opcodes.isDefined(opcode)) {
            throw new IllegalArgumentException("reserved opcode: " + Opcodes.name(opcode));
        }
        if (Opcodes.isControl(opcode)) {
            if (!fin || rsv1 || len > FrameReader.MAX_CONTROL_PAYLOAD) {
                throw new IllegalArgumentException(Opcodes.name(opcode)
                        + " frame must be final, uncompressed and at most 125 bytes: " + len);
            }
        } else if (rsv1 && opcode == Opcodes.CONTINUATION) {
            throw new IllegalArgumentException("RSV1 on a continuation frame");
        }
    }
}
