package dev.mitm4j.http.internal.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The XOR masking of RFC 6455 §5.3, eight bytes at a time. Masking twice unmasks. */
final class Masking {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {}

    /**
     * Masks (or unmasks) {@code len} bytes of {@code b} in place.
     *
     * @param key the four masking-key bytes as a big-endian int
     * @param position the offset of {@code b[off]} within the frame's payload, which selects the
     *     key byte it is XORed with
     */
    static void apply(byte[] b, int off, int len, int key, long position) {
        int rotated = Integer.rotateLeft(key, 8 * (int) (position & 3));
        long wide = ((long) rotated << 32) | (rotated & 0xffffffffL);
        int i = off;
        int end = off + len;
        for (; i <= end - 8; i += 8) {
            LONGS.set(b, i, (long) LONGS.get(b, i) ^ wide);
        }
        for (int k = 0; i < end; i++, k++) {
            b[i] ^= (byte) (rotated >>> (24 - 8 * (k & 3)));
        }
    }
}
